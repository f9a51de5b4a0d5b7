import * as vscode from 'vscode';
import { azureErrorCode, errorMessage } from '../azure/azureErrors';
import type { DeploymentService, PollingOptions } from '../services/deploymentService';
import type { SubscriptionServices } from '../services/subscriptionServices';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import type { DeploymentLedger, DeploymentRecord, LedgerResource } from './deploymentLedger';
import { plannedResourceOf, ResourceTypes } from './deploymentPlan';
import { DEPLOYMENT_ID_TAG } from './resourceTags';

/** What a rollback or a removal did with each resource it was given. */
export interface RemovalOutcome {
  readonly removed: readonly string[];
  /** Resources already gone when their turn came (the OS disk goes with its VM: the VM's deleteOption). */
  readonly gone: readonly string[];
  /** Resources left in place, with why (not this deployment's, or still holding something else). */
  readonly kept: readonly { readonly id: string; readonly reason: string }[];
  readonly failed: readonly { readonly id: string; readonly code: string | undefined; readonly message: string }[];
}

/** Reverse dependency order: the VM before its disk and NIC, those before the storage account, the group last. */
const REMOVAL_ORDER: readonly string[] = [
  ResourceTypes.virtualMachine,
  ResourceTypes.disk,
  ResourceTypes.networkInterface,
  ResourceTypes.storageAccount,
  ResourceTypes.resourceGroup,
];

function removalRank(resource: LedgerResource): number {
  const rank = REMOVAL_ORDER.findIndex((type) => type.toLowerCase() === resource.type.toLowerCase());
  return rank === -1 ? REMOVAL_ORDER.length : rank;
}

/** Why a resource must stay although the ledger lists it, or undefined when this deployment may remove it. */
type Verdict = { readonly gone: true } | { readonly gone: false; readonly keepBecause: string | undefined };

/** Removes exactly what a deployment created, as its ledger records it (removeDeploymentResources). */
export function rollBack(
  record: DeploymentRecord,
  services: SubscriptionServices,
  ledger: DeploymentLedger,
  polling: PollingOptions,
  log: (message: string) => void,
): Promise<RemovalOutcome> {
  const { deploymentId } = record.plan;
  const vmId = plannedResourceOf(record.plan, ResourceTypes.virtualMachine).id;
  return removeDeploymentResources(record.resources, { deploymentId, vmId }, services.deployment, polling, log, async (id) => {
    await ledger.forgetResource(deploymentId, id);
  });
}

/**
 * Removes resources a deployment created, in reverse dependency order. Each is read again just before its delete: one
 * that is gone is forgotten (`forget`); one that does not carry the deployment's id tag (or, for the OS disk, is
 * attached to another VM than the deployment's) is kept; a resource group is removed only when nothing else is left in
 * it. A failure is reported and the rest goes on; running it again finishes the job.
 */
export async function removeDeploymentResources(
  resources: readonly LedgerResource[],
  owner: { readonly deploymentId: string; readonly vmId: string | undefined },
  deployment: DeploymentService,
  polling: PollingOptions,
  log: (message: string) => void,
  forget: (resourceId: string) => Promise<void>,
): Promise<RemovalOutcome> {
  const { deploymentId } = owner;
  const vmId = owner.vmId?.toLowerCase();
  const removed: string[] = [];
  const gone: string[] = [];
  const kept: { id: string; reason: string }[] = [];
  const failed: { id: string; code: string | undefined; message: string }[] = [];
  const ours = (tags: Record<string, string> | undefined): string | undefined =>
    tags?.[DEPLOYMENT_ID_TAG] === deploymentId ? undefined : vscode.l10n.t('it does not carry this deployment\'s tag {0}', DEPLOYMENT_ID_TAG);

  const verdictOf = async (resource: LedgerResource): Promise<Verdict> => {
    const { signal } = polling;
    switch (resource.type.toLowerCase()) {
      case ResourceTypes.virtualMachine.toLowerCase(): {
        const vm = await deployment.getVirtualMachine(resource.id, signal);
        return vm === undefined ? { gone: true } : { gone: false, keepBecause: ours(vm.tags) };
      }
      case ResourceTypes.disk.toLowerCase(): {
        const disk = await deployment.getDisk(resource.id, signal);
        if (disk === undefined) {
          return { gone: true };
        }
        const attachedTo = disk.managedBy?.toLowerCase();
        return { gone: false, keepBecause: attachedTo === undefined || attachedTo === vmId ? undefined : vscode.l10n.t('it is attached to {0}', disk.managedBy ?? '') };
      }
      case ResourceTypes.networkInterface.toLowerCase(): {
        const nic = await deployment.getNetworkInterface(resource.id, signal);
        return nic === undefined ? { gone: true } : { gone: false, keepBecause: ours(nic.tags) };
      }
      case ResourceTypes.storageAccount.toLowerCase(): {
        const account = await deployment.getStorageAccount(resource.id, signal);
        return account === undefined ? { gone: true } : { gone: false, keepBecause: ours(account.tags) };
      }
      case ResourceTypes.resourceGroup.toLowerCase(): {
        const name = parseResourceId(resource.id).name;
        const group = await deployment.getResourceGroup(name, signal);
        if (group === undefined) {
          return { gone: true };
        }
        const notOurs = ours(group.tags);
        if (notOurs !== undefined) {
          return { gone: false, keepBecause: notOurs };
        }
        const left = await deployment.resourceIdsInGroup(name, signal);
        return {
          gone: false,
          keepBecause: left.length === 0 ? undefined : vscode.l10n.t('it still holds {0} resource(s) this deployment did not create, e.g. {1}', left.length, left.at(0) ?? ''),
        };
      }
      default:
        return { gone: false, keepBecause: vscode.l10n.t('the extension does not remove resources of type {0}', resource.type) };
    }
  };

  const remove = async (resource: LedgerResource): Promise<void> => {
    switch (resource.type.toLowerCase()) {
      case ResourceTypes.virtualMachine.toLowerCase():
        return deployment.deleteVirtualMachine(resource.id, polling);
      case ResourceTypes.disk.toLowerCase():
        return deployment.deleteDisk(resource.id, polling);
      case ResourceTypes.networkInterface.toLowerCase():
        return deployment.deleteNetworkInterface(resource.id, polling);
      case ResourceTypes.storageAccount.toLowerCase():
        return deployment.deleteStorageAccount(resource.id, polling.signal);
      default:
        return deployment.deleteResourceGroup(parseResourceId(resource.id).name, polling);
    }
  };

  for (const resource of [...resources].sort((a, b) => removalRank(a) - removalRank(b))) {
    try {
      const verdict = await verdictOf(resource);
      if (verdict.gone) {
        log(vscode.l10n.t('{0} is not there (any more): nothing to remove.', resource.id));
        gone.push(resource.id);
        await forget(resource.id);
        continue;
      }
      if (verdict.keepBecause !== undefined) {
        log(vscode.l10n.t('Kept {0}: {1}.', resource.id, verdict.keepBecause));
        kept.push({ id: resource.id, reason: verdict.keepBecause });
        continue;
      }
      log(vscode.l10n.t('Removing {0}…', resource.id));
      const startedAt = performance.now();
      await remove(resource);
      await forget(resource.id);
      removed.push(resource.id);
      log(vscode.l10n.t('Removed {0} in {1} s.', resource.id, ((performance.now() - startedAt) / 1000).toFixed(1)));
    } catch (error) {
      if (polling.signal.aborted) {
        throw error;
      }
      const message = errorMessage(error);
      log(vscode.l10n.t('Could not remove {0}: {1}', resource.id, message));
      failed.push({ id: resource.id, code: azureErrorCode(error), message });
    }
  }
  return { removed, gone, kept, failed };
}
