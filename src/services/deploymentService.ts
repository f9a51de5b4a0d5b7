import type { AzureClients } from '../azure/azureClients';
import type { AzureSdk } from '../azure/azureSdk';
import { azureErrorCode } from '../azure/azureErrors';
import { collectAll, withCallSignal } from '../azure/callCancellation';
import { parseResourceId } from '../siteRecovery/fabricMapping';

type ResourceGroup = AzureSdk.ResourceGroup;
type StorageAccount = AzureSdk.StorageAccount;
type NetworkInterface = AzureSdk.NetworkInterface;
type VirtualMachine = AzureSdk.VirtualMachine;
type VirtualMachineRunCommand = AzureSdk.VirtualMachineRunCommand;
type Disk = AzureSdk.Disk;
type EffectiveRoute = AzureSdk.EffectiveRoute;

/** How a deployment waits on Azure's long-running operations. */
export interface PollingOptions {
  readonly signal: AbortSignal;
  /**
   * The interval between polls when Azure sends no Retry-After; undefined keeps the SDK's own (2 s). Azure's
   * Retry-After always wins, so a poll never comes sooner than Azure asks.
   */
  readonly updateIntervalInMs: number | undefined;
}

/** What the SDK's long-running operations (of both client generations) take from PollingOptions. */
export function pollerOptions(polling: PollingOptions): { abortSignal: AbortSignal; updateIntervalInMs?: number } {
  return { abortSignal: polling.signal, ...(polling.updateIntervalInMs === undefined ? {} : { updateIntervalInMs: polling.updateIntervalInMs }) };
}

/** The codes Resource Manager answers a read of something that is not there with. */
const NOT_FOUND_CODES = new Set(['ResourceNotFound', 'ResourceGroupNotFound', 'NotFound', 'StorageAccountNotFound']);

function isNotFound(error: unknown): boolean {
  const code = azureErrorCode(error);
  return (code !== undefined && NOT_FOUND_CODES.has(code)) || (error as { statusCode?: number }).statusCode === 404;
}

/** The resource, or undefined when Azure says it does not exist. */
async function readOrUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) {
      return undefined;
    }
    throw error;
  }
}

/**
 * The writes a deployment makes in one subscription, and the reads it checks them with: resource providers, the
 * resource group, the storage account, the NIC, the VM and its OS disk, and managed run commands. Every call takes the
 * deployment's signal (LRO polling included), and a deletion of something already gone is not an error. No read
 * bound applies: the executor bounds its own parallel steps, and a long-running create must not hold a slot the
 * tree's reads wait for.
 */
export class DeploymentService {
  constructor(private readonly clients: AzureClients) {}

  /** A resource provider's registration state in the subscription (e.g. Registered, NotRegistered, Registering). */
  async providerRegistrationState(namespace: string, signal: AbortSignal): Promise<string> {
    const provider = await withCallSignal(signal, () => this.clients.resources().providers.get(namespace, { abortSignal: signal }));
    return provider.registrationState ?? 'NotRegistered';
  }

  async registerProvider(namespace: string, signal: AbortSignal): Promise<void> {
    await withCallSignal(signal, () => this.clients.resources().providers.register(namespace, { abortSignal: signal }));
  }

  getResourceGroup(name: string, signal: AbortSignal): Promise<ResourceGroup | undefined> {
    return readOrUndefined(() => withCallSignal(signal, () => this.clients.resources().resourceGroups.get(name, { abortSignal: signal })));
  }

  createResourceGroup(name: string, group: ResourceGroup, signal: AbortSignal): Promise<ResourceGroup> {
    return withCallSignal(signal, () => this.clients.resources().resourceGroups.createOrUpdate(name, group, { abortSignal: signal }));
  }

  /** The ids of every resource in a group (to tell whether a group this extension created is empty). */
  async resourceIdsInGroup(name: string, signal: AbortSignal): Promise<string[]> {
    const resources = await collectAll(() => this.clients.resources().resources.listByResourceGroup(name, { abortSignal: signal }), signal);
    return resources.map((resource) => resource.id ?? '');
  }

  async deleteResourceGroup(name: string, polling: PollingOptions): Promise<void> {
    await withCallSignal(polling.signal, async () => {
      await this.clients.resources().resourceGroups.delete(name, pollerOptions(polling));
    });
  }

  getStorageAccount(id: string, signal: AbortSignal): Promise<StorageAccount | undefined> {
    const { resourceGroup, name } = parseResourceId(id);
    return readOrUndefined(() => withCallSignal(signal, () => this.clients.storage().storageAccounts.getProperties(resourceGroup, name, { abortSignal: signal })));
  }

  createStorageAccount(id: string, account: AzureSdk.StorageAccountCreateParameters, polling: PollingOptions): Promise<StorageAccount> {
    const { resourceGroup, name } = parseResourceId(id);
    return withCallSignal(polling.signal, async () =>
      this.clients.storage().storageAccounts.create(resourceGroup, name, account, pollerOptions(polling)),
    );
  }

  async deleteStorageAccount(id: string, signal: AbortSignal): Promise<void> {
    const { resourceGroup, name } = parseResourceId(id);
    await withCallSignal(signal, () => this.clients.storage().storageAccounts.delete(resourceGroup, name, { abortSignal: signal }));
  }

  /** A read-only, HTTPS-only SAS for one blob of the account, for a VM to download from (a secret: never logged). */
  async blobReadSas(accountId: string, container: string, blobName: string, expiresAt: Date, signal: AbortSignal): Promise<string> {
    const { resourceGroup, name } = parseResourceId(accountId);
    const result = await withCallSignal(signal, () =>
      this.clients.storage().storageAccounts.listServiceSAS(
        resourceGroup,
        name,
        { canonicalizedResource: `/blob/${name}/${container}/${blobName}`, resource: 'b', permissions: 'r', protocols: 'https', sharedAccessExpiryTime: expiresAt },
        { abortSignal: signal },
      ),
    );
    if (result.serviceSasToken === undefined) {
      throw new Error(`Azure returned no SAS token for the blob ${container}/${blobName} of ${name}.`);
    }
    return result.serviceSasToken;
  }

  getNetworkInterface(id: string, signal: AbortSignal): Promise<NetworkInterface | undefined> {
    const { resourceGroup, name } = parseResourceId(id);
    return readOrUndefined(() => withCallSignal(signal, () => this.clients.network().networkInterfaces.get(resourceGroup, name, { abortSignal: signal })));
  }

  createNetworkInterface(id: string, nic: NetworkInterface, polling: PollingOptions): Promise<NetworkInterface> {
    const { resourceGroup, name } = parseResourceId(id);
    return withCallSignal(polling.signal, async () =>
      this.clients.network().networkInterfaces.createOrUpdate(resourceGroup, name, nic, pollerOptions(polling)),
    );
  }

  async deleteNetworkInterface(id: string, polling: PollingOptions): Promise<void> {
    const { resourceGroup, name } = parseResourceId(id);
    await withCallSignal(polling.signal, async () => {
      await this.clients.network().networkInterfaces.delete(resourceGroup, name, pollerOptions(polling));
    });
  }

  /** The routes Azure applies to a NIC (of a running VM): where traffic to on-premises goes. */
  async effectiveRoutes(id: string, polling: PollingOptions): Promise<EffectiveRoute[]> {
    const { resourceGroup, name } = parseResourceId(id);
    const table = await withCallSignal(polling.signal, async () =>
      this.clients.network().networkInterfaces.getEffectiveRouteTable(resourceGroup, name, pollerOptions(polling)),
    );
    return table.value;
  }

  getVirtualMachine(id: string, signal: AbortSignal): Promise<VirtualMachine | undefined> {
    const { resourceGroup, name } = parseResourceId(id);
    return readOrUndefined(() =>
      withCallSignal(signal, () => this.clients.compute().virtualMachines.get(resourceGroup, name, { expand: 'instanceView', abortSignal: signal })),
    );
  }

  createVirtualMachine(id: string, vm: VirtualMachine, polling: PollingOptions): Promise<VirtualMachine> {
    const { resourceGroup, name } = parseResourceId(id);
    return withCallSignal(polling.signal, async () =>
      this.clients.compute().virtualMachines.createOrUpdate(resourceGroup, name, vm, pollerOptions(polling)),
    );
  }

  async deleteVirtualMachine(id: string, polling: PollingOptions): Promise<void> {
    const { resourceGroup, name } = parseResourceId(id);
    await withCallSignal(polling.signal, async () => {
      await this.clients.compute().virtualMachines.delete(resourceGroup, name, pollerOptions(polling));
    });
  }

  getDisk(id: string, signal: AbortSignal): Promise<Disk | undefined> {
    const { resourceGroup, name } = parseResourceId(id);
    return readOrUndefined(() => withCallSignal(signal, () => this.clients.compute().disks.get(resourceGroup, name, { abortSignal: signal })));
  }

  async deleteDisk(id: string, polling: PollingOptions): Promise<void> {
    const { resourceGroup, name } = parseResourceId(id);
    await withCallSignal(polling.signal, async () => {
      await this.clients.compute().disks.delete(resourceGroup, name, pollerOptions(polling));
    });
  }

  /**
   * Runs a managed run command on a VM and waits until the script has ended (`asyncExecution` false: the operation
   * ends with the script). Protected parameters go only in this request: Azure never returns them.
   */
  async runCommand(vmId: string, name: string, command: VirtualMachineRunCommand, polling: PollingOptions): Promise<void> {
    const { resourceGroup, name: vmName } = parseResourceId(vmId);
    await withCallSignal(polling.signal, async () => {
      await this.clients
        .compute()
        .virtualMachineRunCommands.createOrUpdate(resourceGroup, vmName, name, command, pollerOptions(polling));
    });
  }

  /** A run command with its instance view (state, exit code, the last 4 KB of output and error). */
  getRunCommand(vmId: string, name: string, signal: AbortSignal): Promise<VirtualMachineRunCommand | undefined> {
    const { resourceGroup, name: vmName } = parseResourceId(vmId);
    return readOrUndefined(() =>
      withCallSignal(signal, () =>
        this.clients.compute().virtualMachineRunCommands.getByVirtualMachine(resourceGroup, vmName, name, { expand: 'instanceView', abortSignal: signal }),
      ),
    );
  }
}
