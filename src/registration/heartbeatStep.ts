import * as vscode from 'vscode';
import type { DeploymentRun, ExecuteStep } from '../deployment/executeStep';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import type { ProcessServerInfo } from '../siteRecovery/model';
import { abortableDelay } from '../util/abortableDelay';

/** Site Recovery raises its critical alert after 15 minutes without a heartbeat (error 806): older is no heartbeat. */
export const HEARTBEAT_FRESHNESS_MS = 15 * 60 * 1000;

/** The process server at the plan's IP address as its configuration server reports it now, if it does. */
export async function reportedProcessServer(run: DeploymentRun, signal: AbortSignal): Promise<ProcessServerInfo | undefined> {
  const fabric = await run.vaultServices.fabrics.get(run.vault, parseResourceId(run.plan.configurationServer.fabricId).name, signal);
  return fabric.processServers.find((server) => server.ipAddress === run.plan.processServer.staticIpAddress);
}

/**
 * Waits until the configuration server reports the new process server with a recent heartbeat (it takes a few
 * minutes after the setup ends), for as long as the `asrFailback.registration.heartbeatTimeoutMinutes` setting says.
 */
export class HeartbeatStep implements ExecuteStep {
  readonly id = 'heartbeat';
  readonly dependsOn = ['registration'] as const;
  readonly label: string;

  constructor(configurationServerName: string) {
    this.label = vscode.l10n.t('Waiting for the process server\'s first heartbeat at {0}', configurationServerName);
  }

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + run.registration.heartbeatTimeoutMs;
    for (;;) {
      const server = await reportedProcessServer(run, signal);
      const heartbeat = server?.lastHeartbeat;
      if (server !== undefined && heartbeat !== undefined && Date.now() - heartbeat.getTime() < HEARTBEAT_FRESHNESS_MS) {
        run.log(vscode.l10n.t('{0} reports the process server {1} ({2}) with a heartbeat at {3}.', run.plan.configurationServer.friendlyName, server.friendlyName, server.ipAddress ?? '', heartbeat.toISOString()));
        return;
      }
      if (Date.now() >= deadline) {
        // The deployment stays resumable: a resume waits again.
        throw new Error(
          vscode.l10n.t(
            '{0} has not reported the process server {1} with a heartbeat within {2} minutes. The registration ran; the configuration server can take longer to show it. Resume to wait again, or look at C:\\ProgramData\\ASR\\home\\svsystems\\monitor_protection*.log on the VM. The wait is the setting asrFailback.registration.heartbeatTimeoutMinutes.',
            run.plan.configurationServer.friendlyName,
            run.plan.processServer.staticIpAddress,
            Math.round((run.registration.heartbeatTimeoutMs / 60000) * 100) / 100,
          ),
        );
      }
      await abortableDelay(Math.min(run.pacing.recheckIntervalMs, Math.max(0, deadline - Date.now())), signal);
    }
  }
}
