import * as vscode from 'vscode';
import type { DeploymentRun, ExecuteStep } from '../deployment/executeStep';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import { waitForHeartbeat } from './heartbeat';

/** The deployment's last step: the configuration server reports the new process server with a heartbeat (heartbeat.ts). */
export class HeartbeatStep implements ExecuteStep {
  readonly id = 'heartbeat';
  readonly dependsOn = ['registration'] as const;
  readonly label: string;

  constructor(private readonly configurationServerName: string) {
    this.label = vscode.l10n.t('Waiting for the process server\'s first heartbeat at {0}', configurationServerName);
  }

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    await waitForHeartbeat(
      {
        fabrics: run.vaultServices.fabrics,
        vault: run.vault,
        fabricName: parseResourceId(run.plan.configurationServer.fabricId).name,
        configurationServerName: this.configurationServerName,
        ipAddress: run.plan.processServer.staticIpAddress,
        since: undefined,
        timeoutMs: run.registration.heartbeatTimeoutMs,
        recheckIntervalMs: run.pacing.recheckIntervalMs,
      },
      signal,
      run.log,
    );
  }
}
