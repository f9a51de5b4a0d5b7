import * as vscode from 'vscode';
import type { RegistrationSettings } from '../deployment/executeStep';
import type { DeploymentService, PollingOptions } from '../services/deploymentService';
import type { ConfigurationServerConnection } from './pathCheck';
import { REGISTER_PROCESS_SERVER_SCRIPT } from './registrationScripts';
import { lastLines, runScriptOnVm, type ScriptParameter, type ScriptTarget } from './vmScript';

/** The run command that installs and registers the process server; running it again updates it, which runs it again. */
export const REGISTRATION_RUN_COMMAND = 'asr-failback-register';

/** Where the VM downloads Unified Setup; `secret` when the URL carries a SAS (it then travels protected). */
export interface InstallerUrl {
  readonly url: string;
  readonly secret: boolean;
}

/** What one registration needs besides the VM. */
export interface RegistrationRequest {
  readonly connection: ConfigurationServerConnection;
  readonly processServerIpAddress: string;
  readonly installer: InstallerUrl;
  readonly settings: RegistrationSettings;
  /** Sent only as a protected parameter. */
  readonly passphrase: string;
}

/**
 * Installs the process server with Unified Setup in process-server mode and registers it with the configuration
 * server, through a managed run command on the VM (scripts/registerProcessServer.ps1); logs the setup's log tail and
 * throws with the setup's own error lines when it fails.
 */
export async function registerOnVm(
  deployment: DeploymentService,
  vm: ScriptTarget,
  request: RegistrationRequest,
  polling: PollingOptions,
  log: (line: string) => void,
): Promise<void> {
  const { connection, installer, settings } = request;
  const parameters: ScriptParameter[] = [
    { name: 'ConfigurationServerAddress', value: connection.address },
    { name: 'ConfigurationServerPort', value: String(connection.port) },
    { name: 'DataTransferPort', value: String(connection.dataTransferPort) },
    { name: 'ProcessServerIpAddress', value: request.processServerIpAddress },
    { name: 'InstallLocation', value: settings.installLocation },
    { name: 'InstallLocationSwitch', value: settings.installLocationSwitch },
    { name: 'EnvironmentType', value: settings.environmentType },
    ...(installer.secret ? [] : [{ name: 'InstallerUrl', value: installer.url }]),
  ];
  const protectedParameters: ScriptParameter[] = [
    { name: 'ConfigurationServerPassphrase', value: request.passphrase },
    ...(installer.secret ? [{ name: 'InstallerUrl', value: installer.url }] : []),
  ];
  const result = await runScriptOnVm(deployment, vm, REGISTRATION_RUN_COMMAND, REGISTER_PROCESS_SERVER_SCRIPT, parameters, protectedParameters, polling);
  for (const line of lastLines(result.output, 40)) {
    log(`  ${line}`);
  }
  if (result.executionState === 'Succeeded' && result.exitCode === 0) {
    return;
  }
  for (const line of lastLines(result.error, 10)) {
    log(`  ${line}`);
  }
  // The setup's own error lines say most (e.g. "The passphrase is invalid"); the script's stderr says which part failed.
  const setupErrors = lastLines(result.output, 40)
    .filter((line) => /error|fail|invalid|unable/i.test(line))
    .slice(-2);
  throw new Error(
    vscode.l10n.t(
      'The registration ended with exit code {0} ({1}): {2}',
      result.exitCode ?? '-',
      result.executionState,
      [...setupErrors, ...lastLines(result.error, 1)].join(' ') || lastLines(result.output, 2).join(' '),
    ),
  );
}
