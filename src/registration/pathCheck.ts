import * as vscode from 'vscode';
import type { DeploymentService, PollingOptions } from '../services/deploymentService';
import { CHECK_PATH_SCRIPT } from './registrationScripts';
import { judgePath, parsePathCheckOutput, pathTableLines, type PathCheckVerdict } from './pathCheckResult';
import { lastLines, runScriptOnVm, type ScriptTarget } from './vmScript';

/** The run command that checks the path; running it again updates it, which runs it again. */
export const PATH_CHECK_RUN_COMMAND = 'asr-failback-check-path';

/** Where the process server must reach, and the port it receives replication data on. */
export interface ConfigurationServerConnection {
  readonly address: string;
  readonly port: number;
  readonly dataTransferPort: number;
}

/** The path check's verdict with its table as output-channel lines. */
export interface PathCheckReport {
  readonly verdict: PathCheckVerdict;
  readonly table: readonly string[];
}

/**
 * Checks, from the process-server VM, what the documented registration failures come from: the configuration server's
 * name resolves, the route to it goes through the VPN/ExpressRoute gateway (the NIC's effective routes, from Azure),
 * it answers on its port, and inbound replication traffic is let in. The script runs as a managed run command.
 */
export async function checkPathFromVm(
  deployment: DeploymentService,
  vm: ScriptTarget,
  nicId: string,
  connection: ConfigurationServerConnection,
  polling: PollingOptions,
): Promise<PathCheckReport> {
  const [result, routes] = await Promise.all([
    runScriptOnVm(
      deployment,
      vm,
      PATH_CHECK_RUN_COMMAND,
      CHECK_PATH_SCRIPT,
      [
        { name: 'ConfigurationServerAddress', value: connection.address },
        { name: 'ConfigurationServerPort', value: String(connection.port) },
        { name: 'DataTransferPort', value: String(connection.dataTransferPort) },
      ],
      [],
      polling,
    ),
    deployment.effectiveRoutes(nicId, polling),
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
  const verdict = judgePath(connection.address, script, routes);
  return { verdict, table: pathTableLines(verdict) };
}
