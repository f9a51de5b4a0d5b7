import * as vscode from 'vscode';
import type { PlannedResource } from '../deploymentPlan';
import { pollingOf, type DeploymentRun, type ExecuteStep } from '../executeStep';
import { ensureResource } from './ensureResource';
import type { DeploymentStepId } from '../deploymentLedger';

function stringProperty(resource: PlannedResource, name: string): string | undefined {
  const value = resource.properties[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Creates the new storage account the plan names (boot diagnostics and the registration's logs go there), or reads
 * the existing one the user chose; either way it notes the account's blob endpoint for the VM.
 */
export class StorageAccountStep implements ExecuteStep {
  readonly id = 'storageAccount';
  readonly label: string;

  constructor(
    private readonly planned: PlannedResource,
    readonly dependsOn: readonly DeploymentStepId[],
  ) {
    this.label = planned.create
      ? vscode.l10n.t('Creating the storage account {0}', planned.name)
      : vscode.l10n.t('Reading the storage account {0}', planned.name);
  }

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    const { deployment } = run.services;
    const { planned } = this;
    const account = planned.create
      ? await ensureResource(run, planned, {
          read: () => deployment.getStorageAccount(planned.id, signal),
          create: () =>
            deployment.createStorageAccount(
              planned.id,
              {
                location: planned.location,
                tags: planned.tags,
                sku: { name: (planned.properties['sku'] as { name?: string } | undefined)?.name ?? 'Standard_LRS' },
                kind: stringProperty(planned, 'kind') ?? 'StorageV2',
                minimumTlsVersion: stringProperty(planned, 'minimumTlsVersion') ?? 'TLS1_2',
                allowBlobPublicAccess: planned.properties['allowBlobPublicAccess'] === true,
                enableHttpsTrafficOnly: planned.properties['supportsHttpsTrafficOnly'] !== false,
              },
              pollingOf(run, signal),
            ),
        })
      : await deployment.getStorageAccount(planned.id, signal);
    const blobEndpoint = account?.primaryEndpoints?.blob;
    if (blobEndpoint === undefined) {
      throw new Error(vscode.l10n.t('The storage account {0} has no blob endpoint: boot diagnostics need one. Choose a general-purpose v2 account.', planned.name));
    }
    run.storageBlobEndpoint = blobEndpoint;
  }
}
