import * as vscode from 'vscode';
import type { AzureSdk } from '../azure/azureSdk';
import type { LedgerResource } from '../deployment/deploymentLedger';
import { ResourceTypes } from '../deployment/deploymentPlan';
import type { ManagedProcessServerVm } from '../deployment/managedProcessServerVm';
import { DEPLOYMENT_ID_TAG } from '../deployment/resourceTags';
import { powerStateOf } from '../diagnosis/processServerDiagnosis';
import type { DeploymentService } from '../services/deploymentService';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import type { ProcessServerInfo } from '../siteRecovery/model';

/** The documented way to unregister a process server on the configuration server itself (interactive, in Perl). */
export function unregisterCommandFor(ipAddress: string): string {
  return `cd /d "%ProgramData%\\ASR\\home\\svsystems\\bin" && perl Unregister-ASRComponent.pl -IPAddress ${ipAddress} -Component PS`;
}

/** What stays although it belongs to the process server's deployment, and why. */
export interface KeptResource {
  readonly id: string;
  readonly reason: string;
}

/** What removing one process server this extension deployed will do, as the confirmation names it. */
export interface RemovalPlan {
  readonly deploymentId: string;
  readonly vm: ManagedProcessServerVm;
  /** The VM's power state now; undefined when the VM is gone already (a re-run). */
  readonly powerState: string | undefined;
  /** In the order they go: the VM, its NIC and OS disk, then the storage account and group this deployment created. */
  readonly resources: readonly LedgerResource[];
  readonly kept: readonly KeptResource[];
}

/** Replications that keep a process server from being removed, or undefined when it serves none. */
export function replicationsServed(server: ProcessServerInfo | undefined): { machines: number; pairs: number } | undefined {
  const machines = server?.machineCount ?? 0;
  const pairs = server?.replicationPairCount ?? 0;
  return machines > 0 || pairs > 0 ? { machines, pairs } : undefined;
}

function storageAccountNameOf(vm: AzureSdk.VirtualMachine): string | undefined {
  const uri = vm.diagnosticsProfile?.bootDiagnostics?.storageUri;
  return uri === undefined ? undefined : /^https:\/\/([a-z0-9]+)\.blob\./i.exec(uri)?.[1];
}

/**
 * Reads what a deployed process server's removal covers: its VM, the VM's NICs and OS disk, and, only when this
 * deployment created them (its id tag), the storage account its boot diagnostics go to and its resource group, the
 * group only when nothing else would be left in it. Nothing untagged or pre-existing is listed.
 */
export async function planRemoval(deployment: DeploymentService, vmInfo: ManagedProcessServerVm, signal: AbortSignal): Promise<RemovalPlan> {
  const { deploymentId } = vmInfo;
  const resources: LedgerResource[] = [];
  const kept: KeptResource[] = [];
  const ours = (tags: Record<string, string> | undefined): boolean => tags?.[DEPLOYMENT_ID_TAG] === deploymentId;
  const vm = await deployment.getVirtualMachine(vmInfo.id, signal);
  if (vm !== undefined) {
    resources.push({ id: vmInfo.id, type: ResourceTypes.virtualMachine, state: 'created' });
    for (const reference of vm.networkProfile?.networkInterfaces ?? []) {
      if (reference.id === undefined) {
        continue;
      }
      const nic = await deployment.getNetworkInterface(reference.id, signal);
      if (nic !== undefined && ours(nic.tags)) {
        resources.push({ id: reference.id, type: ResourceTypes.networkInterface, state: 'created' });
      } else if (nic !== undefined) {
        kept.push({ id: reference.id, reason: vscode.l10n.t('this deployment did not create it') });
      }
    }
    const diskId = vm.storageProfile?.osDisk?.managedDisk?.id;
    if (diskId !== undefined) {
      resources.push({ id: diskId, type: ResourceTypes.disk, state: 'created' });
    }
    const accountName = storageAccountNameOf(vm);
    if (accountName !== undefined) {
      const accountId = `/subscriptions/${vmInfo.subscriptionId}/resourceGroups/${vmInfo.resourceGroup}/providers/${ResourceTypes.storageAccount}/${accountName}`;
      const account = await deployment.getStorageAccount(accountId, signal);
      if (account !== undefined && ours(account.tags)) {
        resources.push({ id: accountId, type: ResourceTypes.storageAccount, state: 'created' });
      } else {
        kept.push({ id: accountName, reason: vscode.l10n.t('the storage account was there before this deployment (or is in another resource group)') });
      }
    }
  }
  const group = await deployment.getResourceGroup(vmInfo.resourceGroup, signal);
  const groupId = `/subscriptions/${vmInfo.subscriptionId}/resourceGroups/${vmInfo.resourceGroup}`;
  if (group !== undefined && ours(group.tags)) {
    const removing = new Set(resources.map((resource) => resource.id.toLowerCase()));
    const others = (await deployment.resourceIdsInGroup(vmInfo.resourceGroup, signal)).filter(
      (id) => !removing.has(id.toLowerCase()) && !id.toLowerCase().startsWith(`${vmInfo.id.toLowerCase()}/`),
    );
    if (others.length === 0) {
      resources.push({ id: groupId, type: ResourceTypes.resourceGroup, state: 'created' });
    } else {
      kept.push({ id: groupId, reason: vscode.l10n.t('it holds {0} other resource(s), e.g. {1}', others.length, parseResourceId(others.at(0) ?? '').name) });
    }
  } else if (group !== undefined) {
    kept.push({ id: groupId, reason: vscode.l10n.t('the resource group was there before this deployment') });
  }
  return { deploymentId, vm: vmInfo, powerState: vm === undefined ? undefined : powerStateOf(vm), resources, kept };
}
