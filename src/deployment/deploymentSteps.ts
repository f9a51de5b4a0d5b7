import { HeartbeatStep } from '../registration/heartbeatStep';
import { PathCheckStep } from '../registration/pathCheckStep';
import { RegistrationStep } from '../registration/registrationStep';
import type { DeploymentStepId } from './deploymentLedger';
import { plannedResourceOf, ResourceTypes, type DeploymentPlan } from './deploymentPlan';
import type { ExecuteStep } from './executeStep';
import { NetworkInterfaceStep } from './steps/networkInterfaceStep';
import { RegisterProvidersStep } from './steps/registerProvidersStep';
import { ResourceGroupStep } from './steps/resourceGroupStep';
import { StorageAccountStep } from './steps/storageAccountStep';
import { VirtualMachineStep } from './steps/virtualMachineStep';

/**
 * The steps that carry out `plan`, each with what it waits for: the resource group (when new) and the providers
 * first, then the storage account and the NIC side by side, the VM once both are there, then on the VM the path check,
 * the registration and the wait for the heartbeat.
 */
export function stepsForPlan(plan: DeploymentPlan): ExecuteStep[] {
  const group = plannedResourceOf(plan, ResourceTypes.resourceGroup);
  const storage = plannedResourceOf(plan, ResourceTypes.storageAccount);
  const nic = plannedResourceOf(plan, ResourceTypes.networkInterface);
  const vm = plannedResourceOf(plan, ResourceTypes.virtualMachine);
  const foundation: DeploymentStepId[] = group.create ? ['providers', 'resourceGroup'] : ['providers'];
  const csName = plan.configurationServer.friendlyName;
  return [
    new RegisterProvidersStep(),
    ...(group.create ? [new ResourceGroupStep(group.name)] : []),
    new StorageAccountStep(storage, storage.create ? foundation : []),
    new NetworkInterfaceStep(nic.name, plan.processServer.staticIpAddress, foundation),
    new VirtualMachineStep(vm.name, plan.processServer.vmSize, ['providers', 'storageAccount', 'networkInterface']),
    new PathCheckStep(plan.configurationServer.address),
    new RegistrationStep(csName),
    new HeartbeatStep(csName),
  ];
}
