import * as vscode from 'vscode';
import type { DeploymentPlan } from '../../deployment/deploymentPlan';
import { parseResourceId } from '../../siteRecovery/fabricMapping';
import { validateStaticIpAddress } from '../rules/ipAddressRules';
import type { AddProcessServerContext } from './addProcessServerContext';
import { ipAddressTaken, quotaShortfall, resourceGroupNameTaken, serverNameTaken, storageNameTaken, validateServerAndNicName } from './azureChecks';
import { networkWarnings } from './steps/virtualNetworkStep';

/** A saved plan turned back into the wizard's context, with every Azure-side check run again. */
export interface PlanRestoration {
  readonly context: AddProcessServerContext;
  /** What no longer holds (a name taken since, an address in use, a size no longer offered...): the plan cannot go on. */
  readonly problems: readonly string[];
}

type ContextBase = Pick<AddProcessServerContext, 'listSubscriptions' | 'servicesFor' | 'signal'>;

/**
 * Reads Azure again for everything the plan names, and runs the checks the steps ran when it was made. The secrets
 * are not in the plan: the context comes back without them, for the wizard to ask.
 */
export async function contextFromPlan(plan: DeploymentPlan, base: ContextBase): Promise<PlanRestoration> {
  const { signal } = base;
  const subscriptions = await base.listSubscriptions();
  const subscriptionOf = (id: string) => subscriptions.find((subscription) => subscription.subscriptionId.toLowerCase() === id.toLowerCase());
  const subscription = subscriptionOf(plan.subscriptionId);
  const vaultSubscription = subscriptionOf(parseResourceId(plan.configurationServer.vaultId).subscriptionId);
  if (subscription === undefined || vaultSubscription === undefined) {
    throw new Error(
      vscode.l10n.t('The plan is for subscription {0}, which is not among the subscriptions you are signed in to: sign in with an account that can reach it.', plan.subscriptionId),
    );
  }
  const problems: string[] = [];
  const services = base.servicesFor(subscription);
  const vaultServices = base.servicesFor(vaultSubscription);

  const vaults = await vaultServices.vaults.list(signal);
  const vault = vaults.kind === 'vaults' ? vaults.vaults.find((candidate) => candidate.id.toLowerCase() === plan.configurationServer.vaultId.toLowerCase()) : undefined;
  if (vault === undefined) {
    throw new Error(vscode.l10n.t('The vault {0} of the plan no longer exists.', plan.configurationServer.vaultId));
  }
  const fabric = await vaultServices.fabrics.get(vault, parseResourceId(plan.configurationServer.fabricId).name, signal);
  if (fabric.kind !== 'configurationServer') {
    throw new Error(vscode.l10n.t('{0} is no longer a classic configuration server.', fabric.friendlyName));
  }

  const [locations, groups, networks, accounts, sizes, quotas, deployed, withGateway] = await Promise.all([
    services.resourceGroups.listLocations(signal),
    services.resourceGroups.listResourceGroups(signal),
    services.networks.listVirtualNetworks(signal),
    services.storage.listAccounts(signal),
    services.compute.vmSizes(plan.location, signal),
    services.compute.coreQuotas(plan.location, signal),
    services.deployedVms.list(signal),
    services.networks.networksWithGateway(signal),
  ]);
  const location = locations.find((candidate) => candidate.name === plan.location);
  const server = plan.processServer;
  const groupResource = plan.resources.find((resource) => resource.type === 'Microsoft.Resources/resourceGroups');
  const storageResource = plan.resources.find((resource) => resource.type === 'Microsoft.Storage/storageAccounts');
  if (location === undefined || groupResource === undefined || storageResource === undefined) {
    throw new Error(vscode.l10n.t('The plan names no region, resource group or storage account this subscription has: save the plan again.'));
  }

  if (groupResource.create) {
    const taken = resourceGroupNameTaken(groups, groupResource.name);
    if (taken !== undefined) {
      problems.push(taken);
    }
  } else if (!groups.some((group) => group.name.toLowerCase() === groupResource.name.toLowerCase())) {
    problems.push(vscode.l10n.t('The resource group {0} no longer exists.', groupResource.name));
  }
  const network = networks.find((candidate) => candidate.id.toLowerCase() === server.virtualNetworkId.toLowerCase());
  const subnet = network?.subnets.find((candidate) => candidate.id.toLowerCase() === server.subnetId.toLowerCase());
  if (network === undefined || subnet?.addressPrefix === undefined) {
    problems.push(vscode.l10n.t('The virtual network or subnet of the plan ({0}) no longer exists.', server.subnetId));
  } else {
    const addressProblem =
      validateStaticIpAddress(server.staticIpAddress, subnet.addressPrefix) ??
      (await ipAddressTaken(services.networks, network, subnet.name, server.staticIpAddress, signal));
    if (addressProblem !== undefined) {
      problems.push(addressProblem);
    }
  }
  const nameProblem =
    validateServerAndNicName(server.name) ?? (groupResource.create ? undefined : await serverNameTaken(services.compute, services.networks, groupResource.name, server.name, signal));
  if (nameProblem !== undefined) {
    problems.push(nameProblem);
  }
  if (storageResource.create) {
    const taken = await storageNameTaken(services.storage, storageResource.name, signal);
    if (taken !== undefined) {
      problems.push(taken);
    }
  } else if (!accounts.some((account) => account.name === storageResource.name)) {
    problems.push(vscode.l10n.t('The storage account {0} no longer exists.', storageResource.name));
  }
  const size = sizes.find((candidate) => candidate.name === server.vmSize && candidate.restriction === undefined);
  if (size === undefined) {
    problems.push(vscode.l10n.t('{0} is not offered in {1} any more.', server.vmSize, location.displayName));
  } else {
    const short = quotaShortfall(size, quotas, location.displayName);
    if (short !== undefined) {
      problems.push(short);
    }
  }
  if ((await services.compute.imageVersions(plan.location, server.image, signal)).length === 0) {
    problems.push(vscode.l10n.t('{0} does not publish the image {1}/{2}/{3} any more.', location.displayName, server.image.publisher, server.image.offer, server.image.sku));
  }

  const context: AddProcessServerContext = {
    ...base,
    deploymentId: plan.deploymentId,
    fromPlan: true,
    configurationServer: { subscription: vaultSubscription, vault, fabric },
    subscription,
    creatingResourceGroup: groupResource.create,
    resourceGroup: { name: groupResource.name, isNew: groupResource.create, location: groupResource.location },
    location,
    virtualNetwork: network,
    networkWarnings: network === undefined ? [] : networkWarnings(network, deployed, withGateway),
    subnet,
    serverName: server.name,
    adminUsername: server.adminUsername,
    creatingStorageAccount: storageResource.create,
    storageAccount: { name: storageResource.name, resourceGroup: parseResourceId(storageResource.id).resourceGroup, isNew: storageResource.create },
    staticIpAddress: server.staticIpAddress,
    vmSize: size,
    image: server.image,
    installerSource: server.installerSource,
    configurationServerAddress: plan.configurationServer.address,
    configurationServerPort: plan.configurationServer.port,
    dataTransferPort: server.dataTransferPort,
  };
  return { context, problems };
}
