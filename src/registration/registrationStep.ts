import * as vscode from 'vscode';
import type { DeploymentRun, ExecuteStep } from '../deployment/executeStep';
import type { InstallerSource } from '../deployment/deploymentPlan';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import { REGISTER_PROCESS_SERVER_SCRIPT } from './registrationScripts';
import { lastLines, runScriptOnVm, type ScriptParameter } from './vmScript';
import { reportedProcessServer } from './heartbeatStep';

/** The run command that installs and registers the process server; a resumed run updates it, which runs it again. */
export const REGISTRATION_RUN_COMMAND = 'asr-failback-register';

/** How long the SAS of an installer blob stays valid: the download happens in the first minutes of the run. */
const INSTALLER_SAS_LIFETIME_MS = 4 * 60 * 60 * 1000;

/**
 * Installs the process server with Unified Setup in process-server mode and registers it with the configuration
 * server, through a managed run command on the VM (scripts/registerProcessServer.ps1). The passphrase goes only as a
 * protected parameter; so does the installer's URL when it carries a SAS. A process server the configuration server
 * already reports (a resumed run) is not registered again.
 */
export class RegistrationStep implements ExecuteStep {
  readonly id = 'registration';
  readonly dependsOn = ['pathCheck'] as const;
  readonly label: string;

  constructor(configurationServerName: string) {
    this.label = vscode.l10n.t('Installing the process server and registering it with {0}', configurationServerName);
  }

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    const { plan, registration } = run;
    if ((await reportedProcessServer(run, signal)) !== undefined) {
      run.log(vscode.l10n.t('The configuration server already reports a process server at {0}: it is not registered again.', plan.processServer.staticIpAddress));
      return;
    }
    const passphrase = run.secrets.passphrase;
    if (passphrase === undefined) {
      throw new Error(vscode.l10n.t('The registration needs the configuration server\'s passphrase, which this run was not given.'));
    }
    const installer = await this.installerUrl(run, plan.processServer.installerSource, signal);
    const parameters: ScriptParameter[] = [
      { name: 'ConfigurationServerAddress', value: plan.configurationServer.address },
      { name: 'ConfigurationServerPort', value: String(plan.configurationServer.port) },
      { name: 'DataTransferPort', value: String(plan.processServer.dataTransferPort) },
      { name: 'ProcessServerIpAddress', value: plan.processServer.staticIpAddress },
      { name: 'InstallLocation', value: registration.installLocation },
      { name: 'InstallLocationSwitch', value: registration.installLocationSwitch },
      { name: 'EnvironmentType', value: registration.environmentType },
      ...(installer.secret ? [] : [{ name: 'InstallerUrl', value: installer.url }]),
    ];
    const protectedParameters: ScriptParameter[] = [
      { name: 'ConfigurationServerPassphrase', value: passphrase },
      ...(installer.secret ? [{ name: 'InstallerUrl', value: installer.url }] : []),
    ];
    const result = await runScriptOnVm(run, REGISTRATION_RUN_COMMAND, REGISTER_PROCESS_SERVER_SCRIPT, parameters, protectedParameters, signal);
    for (const line of lastLines(result.output, 40)) {
      run.log(`  ${line}`);
    }
    if (result.executionState !== 'Succeeded' || result.exitCode !== 0) {
      for (const line of lastLines(result.error, 10)) {
        run.log(`  ${line}`);
      }
      // The setup's own error lines say most (e.g. "The passphrase is invalid"); the script's stderr says which part failed.
      const setupErrors = lastLines(result.output, 40).filter((line) => /error|fail|invalid|unable/i.test(line)).slice(-2);
      throw new Error(
        vscode.l10n.t(
          'The registration ended with exit code {0} ({1}): {2}',
          result.exitCode ?? '-',
          result.executionState,
          [...setupErrors, ...lastLines(result.error, 1)].join(' ') || lastLines(result.output, 2).join(' '),
        ),
      );
    }
    run.secrets.passphrase = undefined;
  }

  /** Where the VM downloads Unified Setup: the plan's URL, or the blob with a read-only SAS (a secret). */
  private async installerUrl(run: DeploymentRun, source: InstallerSource, signal: AbortSignal): Promise<{ url: string; secret: boolean }> {
    if (source.kind === 'download') {
      return { url: source.url, secret: false };
    }
    const accountId = run.plan.processServer.storageAccountId;
    const sas = await run.services.deployment.blobReadSas(accountId, source.container, source.blobName, new Date(Date.now() + INSTALLER_SAS_LIFETIME_MS), signal);
    run.registerSecret(sas);
    const endpoint = run.storageBlobEndpoint ?? `https://${parseResourceId(accountId).name}.blob.core.windows.net/`;
    return { url: `${endpoint.replace(/\/?$/, '/')}${source.container}/${source.blobName}?${sas}`, secret: true };
  }
}
