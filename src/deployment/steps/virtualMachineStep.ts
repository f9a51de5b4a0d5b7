import * as vscode from 'vscode';
import type { AzureSdk } from '../../azure/azureSdk';
import { abortableDelay } from '../../util/abortableDelay';
import { DEPLOYMENT_ID_TAG } from '../resourceTags';
import { plannedResourceOf, ResourceTypes } from '../deploymentPlan';
import type { DeploymentStepId } from '../deploymentLedger';
import { pollingOf, type DeploymentRun, type ExecuteStep } from '../executeStep';
import { ensureResource } from './ensureResource';

/** The id of the managed OS disk Azure creates with the VM, named by the plan. */
export function osDiskIdOf(run: DeploymentRun): string {
  const vm = plannedResourceOf(run.plan, ResourceTypes.virtualMachine);
  const storageProfile = vm.properties['storageProfile'] as { osDisk?: { name?: string } } | undefined;
  const group = vm.id.slice(0, vm.id.toLowerCase().indexOf('/providers/'));
  return `${group}/providers/${ResourceTypes.disk}/${storageProfile?.osDisk?.name ?? `${vm.name}-osdisk`}`;
}

const UNSETTLED_STATES = new Set(['Creating', 'Updating']);

/**
 * Creates the process server's VM from the plan's image and size, with its managed OS disk and boot diagnostics into
 * the storage account. The admin password goes only into this request. A VM an earlier run of this deployment started
 * is waited for and adopted, never created again.
 */
export class VirtualMachineStep implements ExecuteStep {
  readonly id = 'virtualMachine';
  readonly label: string;

  constructor(
    name: string,
    size: string,
    readonly dependsOn: readonly DeploymentStepId[],
  ) {
    this.label = vscode.l10n.t('Creating the virtual machine {0} ({1})', name, size);
  }

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    const planned = plannedResourceOf(run.plan, ResourceTypes.virtualMachine);
    const { deployment } = run.services;
    const diskId = osDiskIdOf(run);
    const vm = await ensureResource(run, planned, {
      read: () => this.settledVm(run, planned.id, signal),
      create: async () => {
        if ((await deployment.getDisk(diskId, signal)) !== undefined) {
          throw new Error(vscode.l10n.t('A disk {0} exists already: the VM\'s OS disk needs that name. Delete or rename that disk, or choose another server name.', diskId));
        }
        const password = run.secrets.adminPassword;
        if (password === undefined) {
          throw new Error(vscode.l10n.t('The VM {0} needs its admin password, which this run was not given.', planned.name));
        }
        await run.ledger.recordResource(run.plan.deploymentId, { id: diskId, type: ResourceTypes.disk, state: 'requested' });
        const properties = planned.properties as Partial<AzureSdk.VirtualMachine>;
        const created = await deployment.createVirtualMachine(
          planned.id,
          {
            ...properties,
            location: planned.location,
            tags: planned.tags,
            osProfile: { ...properties.osProfile, adminPassword: password },
            diagnosticsProfile: { bootDiagnostics: { enabled: true, storageUri: run.storageBlobEndpoint } },
          },
          pollingOf(run, signal),
        );
        await run.ledger.recordResource(run.plan.deploymentId, { id: diskId, type: ResourceTypes.disk, state: 'created' });
        return created;
      },
      mismatch: (existing) =>
        existing.provisioningState === 'Succeeded'
          ? undefined
          : vscode.l10n.t('Azure reports its provisioning state as {0}', existing.provisioningState ?? '-'),
    });
    run.secrets.adminPassword = undefined;
    run.log(vscode.l10n.t('The VM {0} runs {1} with the OS disk {2}.', planned.name, vm.hardwareProfile?.vmSize ?? '-', vm.storageProfile?.osDisk?.managedDisk?.id ?? diskId));
  }

  /** The VM, once Azure has settled it, when this deployment created it; as it is otherwise. */
  private async settledVm(run: DeploymentRun, id: string, signal: AbortSignal): Promise<AzureSdk.VirtualMachine | undefined> {
    let vm = await run.services.deployment.getVirtualMachine(id, signal);
    while (vm !== undefined && vm.tags?.[DEPLOYMENT_ID_TAG] === run.plan.deploymentId && UNSETTLED_STATES.has(vm.provisioningState ?? '')) {
      run.log(vscode.l10n.t('The VM {0} is still {1} from an earlier run: waiting for Azure.', vm.name ?? id, vm.provisioningState ?? ''));
      await abortableDelay(run.pacing.recheckIntervalMs, signal);
      vm = await run.services.deployment.getVirtualMachine(id, signal);
    }
    return vm;
  }
}
