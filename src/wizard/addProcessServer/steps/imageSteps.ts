import * as vscode from 'vscode';
import type { PromptStep, StepPrompts } from '../../wizard';
import type { InstallerSource, ProcessServerImage } from '../../../deployment/deploymentPlan';
import type { ComputeService } from '../../../services/computeService';
import { regionLoads, type AddProcessServerContext } from '../addProcessServerContext';

/** The documented address of the Unified Setup installer (domain.md: http://aka.ms/unifiedinstaller). */
export const UNIFIED_SETUP_DOWNLOAD_URL = 'https://aka.ms/unifiedinstaller';

/** Windows Server images a process server supports (domain.md: Windows Server 2012 R2 / 2016). */
const WINDOWS_SERVER_IMAGES = [
  { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2016-Datacenter' },
  { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2012-R2-Datacenter' },
] as const;

/** "Microsoft Azure Site Recovery Process Server V2" in the Marketplace (domain.md; unconfirmed that it is still published). */
const SITE_RECOVERY_IMAGE = { publisher: 'MicrosoftAzureSiteRecovery', offer: 'Process-Server', sku: 'Windows-2012-R2-Datacenter' } as const;

/** A marketplace image by publisher, offer and SKU. */
export interface MarketplaceImage {
  readonly publisher: string;
  readonly offer: string;
  readonly sku: string;
}

/** The supported process-server images `location` publishes (at least one version), in the order they are offered. */
export async function publishedProcessServerImages(compute: ComputeService, location: string, signal: AbortSignal): Promise<MarketplaceImage[]> {
  const candidates: MarketplaceImage[] = [...WINDOWS_SERVER_IMAGES, SITE_RECOVERY_IMAGE];
  const published = await Promise.all(candidates.map(async (image) => (await compute.imageVersions(location, image, signal)).length > 0));
  return candidates.filter((_image, index) => published.at(index) === true);
}

/**
 * Step 4d: the image, among those the region publishes. Windows Server 2016 with Unified Setup in process-server
 * mode comes first: the only documented way to register without the GUI. The Site Recovery image, when the region has
 * it, is offered with what it implies.
 */
export class ImageStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'image';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.image === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const { location } = context;
    if (location === undefined) {
      throw new Error('The region step comes before the image.');
    }
    const items = (async () => {
      const available = await regionLoads(context).images;
      if (available.length === 0) {
        throw new Error(vscode.l10n.t('{0} publishes no Windows Server image a process server supports: go back and pick another region.', location.displayName));
      }
      return available.map((image) => {
        const isSiteRecoveryImage = image.publisher === SITE_RECOVERY_IMAGE.publisher;
        const choice: ProcessServerImage = { ...image, version: 'latest', isSiteRecoveryImage };
        return {
          label: isSiteRecoveryImage ? vscode.l10n.t('Site Recovery process server image ({0})', image.sku) : vscode.l10n.t('Windows Server {0}', image.sku),
          description: `${image.publisher}/${image.offer}`,
          detail: isSiteRecoveryImage
            ? vscode.l10n.t('Runs the latest process server; registering it without the GUI is not documented (Unified Setup is run again with the configuration server address).')
            : vscode.l10n.t('Unified Setup installs and registers the process server (the documented way without the GUI).'),
          key: `${image.publisher}/${image.offer}/${image.sku}`,
          data: choice,
        };
      });
    })();
    context.image = (
      await prompts.pick({
        placeholder: vscode.l10n.t('The image of the process server VM, as offered in {0}', location.displayName),
        items,
      })
    ).data;
  }
}

/**
 * Step 4e: where Unified Setup comes from: the documented download (the default), or an installer the user placed in
 * the storage account for a VM with no internet access. Its version must not be newer than the configuration
 * server's: the summary says what can and cannot be checked.
 */
export class InstallerSourceStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'installerSource';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.installerSource === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const agentVersion = context.configurationServer?.fabric.agentVersion;
    const versionNote =
      agentVersion === undefined
        ? vscode.l10n.t('The configuration server reports no version: make sure the installer is not newer than it.')
        : vscode.l10n.t('The installer must not be newer than the configuration server ({0}).', agentVersion);
    const picked = await prompts.pick<'download' | 'storageBlob'>({
      placeholder: vscode.l10n.t('Where the VM gets the Unified Setup installer. {0}', versionNote),
      items: [
        { label: vscode.l10n.t('Download it from {0}', UNIFIED_SETUP_DOWNLOAD_URL), detail: vscode.l10n.t('The VM needs internet access; the download is the latest version.'), key: 'download', data: 'download' },
        {
          label: vscode.l10n.t('An installer I placed in the storage account {0}', context.storageAccount?.name ?? ''),
          detail: vscode.l10n.t('For a VM without internet access: use the installer last run on the configuration server.'),
          key: 'storageBlob',
          data: 'storageBlob',
        },
      ],
    });
    if (picked.data === 'download') {
      context.installerSource = { kind: 'download', url: UNIFIED_SETUP_DOWNLOAD_URL };
      return;
    }
    const path = await prompts.input({
      prompt: vscode.l10n.t('Container and blob name of the installer in {0}, as container/blob', context.storageAccount?.name ?? ''),
      value: 'installers/MicrosoftAzureSiteRecoveryUnifiedSetup.exe',
      validate: (value) =>
        /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])\/\S.*$/.test(value)
          ? undefined
          : vscode.l10n.t('Give the container (3 to 63 lowercase letters, digits and hyphens) and the blob name, separated by "/".'),
    });
    const [container = '', ...blob] = path.split('/');
    const source: InstallerSource = { kind: 'storageBlob', container, blobName: blob.join('/') };
    context.installerSource = source;
  }
}
