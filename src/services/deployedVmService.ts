import type { AzureClients } from '../azure/azureClients';
import { collectAll } from '../azure/callCancellation';
import {
  managedProcessServerVms,
  VIRTUAL_MACHINES_FILTER,
  type ManagedProcessServerVm,
} from '../deployment/managedProcessServerVm';
import type { ConcurrencyLimiter } from '../util/concurrencyLimiter';

/** The process-server VMs this extension deployed in a subscription, found by their tags. */
export class DeployedVmService {
  constructor(
    private readonly clients: AzureClients,
    private readonly limiter: ConcurrencyLimiter,
  ) {}

  /** One listing of the subscription's VMs (not one request per server), narrowed to those the extension tagged. */
  async list(signal: AbortSignal): Promise<ManagedProcessServerVm[]> {
    const resources = await this.limiter.run(
      () =>
        collectAll(
          () =>
            this.clients.resources().resources.list({ filter: VIRTUAL_MACHINES_FILTER, expand: 'provisioningState', abortSignal: signal }),
          signal,
        ),
      signal,
    );
    return managedProcessServerVms(resources);
  }
}
