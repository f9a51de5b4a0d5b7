import * as vscode from 'vscode';
import { ResourceTypes } from '../deployment/deploymentPlan';
import type { DeploymentRun, ExecuteStep } from '../deployment/executeStep';
import { pollingOf } from '../deployment/executeStep';
import { plannedResource } from '../deployment/steps/ensureResource';
import { CHECK_PATH_SCRIPT } from './registrationScripts';
import { judgePath, parsePathCheckOutput, pathTableLines } from './pathCheckResult';
import { lastLines, runScriptOnVm } from './vmScript';

/** The run command that checks the path; a resumed run updates it, which runs it again. */
export const PATH_CHECK_RUN_COMMAND = 'asr-failback-check-path';

/** Thrown when the path to the configuration server does not hold: registration would fail, so it does not start. */
export class PathCheckFailedError extends Error {
  constructor(
    message: string,
    readonly table: readonly string[],
  ) {
    super(message);
    this.name = 'PathCheckFailedError';
  }
}

/**
 * Checks, from the new VM, what the documented registration failures come from: the configuration server's name
 * resolves, the route to it goes through the VPN/ExpressRoute gateway (the NIC's effective routes, from Azure), and
 * it answers on TCP 443; and that inbound 9443 is let in. Logs the table; a failed check stops the deployment here.
 */
export class PathCheckStep implements ExecuteStep {
  readonly id = 'pathCheck';
  readonly dependsOn = ['virtualMachine'] as const;
  readonly label: string;

  constructor(address: string) {
    this.label = vscode.l10n.t('Checking the path to the configuration server {0}', address);
  }

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    const { address, port } = run.plan.configurationServer;
    const nic = plannedResource(run, ResourceTypes.networkInterface);
    const [result, routes] = await Promise.all([
      runScriptOnVm(
        run,
        PATH_CHECK_RUN_COMMAND,
        CHECK_PATH_SCRIPT,
        [
          { name: 'ConfigurationServerAddress', value: address },
          { name: 'ConfigurationServerPort', value: String(port) },
          { name: 'DataTransferPort', value: String(run.plan.processServer.dataTransferPort) },
        ],
        [],
        signal,
      ),
      run.services.deployment.effectiveRoutes(nic.id, pollingOf(run, signal)),
    ]);
    const script = parsePathCheckOutput(result.output);
    if (result.executionState !== 'Succeeded' || script === undefined) {
      throw new Error(
        vscode.l10n.t(
          'The path check could not run on the VM ({0}, exit code {1}): {2}',
          result.executionState,
          result.exitCode ?? '-',
          lastLines(result.error, 3).join(' ') || lastLines(result.output, 3).join(' '),
        ),
      );
    }
    const verdict = judgePath(address, script, routes);
    const table = pathTableLines(verdict);
    run.log(vscode.l10n.t('Path from the process server to the configuration server {0}:', address));
    for (const line of table) {
      run.log(`  ${line}`);
    }
    if (verdict.cause !== undefined) {
      throw new PathCheckFailedError(vscode.l10n.t('The path check failed, so the registration did not start. {0}', verdict.cause), table);
    }
  }
}
