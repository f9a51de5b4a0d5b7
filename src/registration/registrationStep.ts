import * as vscode from 'vscode';
import { plannedResourceOf, ResourceTypes, type InstallerSource } from '../deployment/deploymentPlan';
import { pollingOf, type DeploymentRun, type ExecuteStep } from '../deployment/executeStep';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import { reportedProcessServer } from './heartbeat';
import { registerOnVm, type InstallerUrl } from './processServerRegistration';

/** How long the SAS of an installer blob stays valid: the download happens in the first minutes of the run. */
const INSTALLER_SAS_LIFETIME_MS = 4 * 60 * 60 * 1000;

/**
 * The deployment's registration step (processServerRegistration.ts): the passphrase goes only as a protected
 * parameter, and so does the installer's URL when it carries a SAS. A process server the configuration server already
 * reports (a resumed run) is not registered again.
 */
export class RegistrationStep implements ExecuteStep {
  readonly id = 'registration';
  readonly dependsOn = ['pathCheck'] as const;
  readonly label: string;

  constructor(configurationServerName: string) {
    this.label = vscode.l10n.t('Installing the process server and registering it with {0}', configurationServerName);
  }

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    const { plan } = run;
    const fabricName = parseResourceId(plan.configurationServer.fabricId).name;
    if ((await reportedProcessServer(run.vaultServices.fabrics, run.vault, fabricName, plan.processServer.staticIpAddress, signal)) !== undefined) {
      run.log(vscode.l10n.t('The configuration server already reports a process server at {0}: it is not registered again.', plan.processServer.staticIpAddress));
      return;
    }
    const passphrase = run.secrets.passphrase;
    if (passphrase === undefined) {
      throw new Error(vscode.l10n.t('The registration needs the configuration server\'s passphrase, which this run was not given.'));
    }
    await registerOnVm(
      run.services.deployment,
      plannedResourceOf(run.plan, ResourceTypes.virtualMachine),
      {
        connection: { address: plan.configurationServer.address, port: plan.configurationServer.port, dataTransferPort: plan.processServer.dataTransferPort },
        processServerIpAddress: plan.processServer.staticIpAddress,
        installer: await this.installerUrl(run, plan.processServer.installerSource, signal),
        settings: run.registration,
        passphrase,
      },
      pollingOf(run, signal),
      run.log,
    );
    run.secrets.passphrase = undefined;
  }

  /** Where the VM downloads Unified Setup: the plan's URL, or the blob with a read-only SAS (a secret). */
  private async installerUrl(run: DeploymentRun, source: InstallerSource, signal: AbortSignal): Promise<InstallerUrl> {
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
