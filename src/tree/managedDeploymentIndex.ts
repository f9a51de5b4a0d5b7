import { AzureClients } from '../azure/azureClients';
import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import {
  managedProcessServerVms,
  VIRTUAL_MACHINES_FILTER,
  type ManagedProcessServerVm,
} from '../deployment/managedProcessServerVm';
import type { ExtensionLog } from '../logging/extensionLog';
import { collect } from '../util/collect';
import type { ConcurrencyLimiter } from '../util/concurrencyLimiter';
import { errorMessage } from '../commands/errorMessage';
import * as vscode from 'vscode';

/**
 * The process-server VMs this extension deployed, found by their tags in one listing of VMs per subscription (not one
 * request per server), loaded once when a configuration server first needs them and again after a refresh.
 * A subscription whose listing fails only loses its own marks; the failure is logged.
 */
export class ManagedDeploymentIndex {
  private loading: Promise<ManagedProcessServerVm[]> | undefined;
  private subscriptions: readonly AzureSubscriptionContext[] = [];

  constructor(
    private readonly limiter: ConcurrencyLimiter,
    private readonly log: ExtensionLog,
  ) {}

  /** The subscriptions to search, as the tree lists them; resets what was loaded. */
  setSubscriptions(subscriptions: readonly AzureSubscriptionContext[]): void {
    this.subscriptions = subscriptions;
    this.loading = undefined;
  }

  /** Forgets what was loaded, so the next look lists again. */
  invalidate(): void {
    this.loading = undefined;
  }

  /** The VMs deployed for one configuration server (fabric id), in any listed subscription. */
  async forConfigurationServer(fabricId: string): Promise<ManagedProcessServerVm[]> {
    this.loading ??= this.load();
    const all = await this.loading;
    return all.filter((vm) => vm.configurationServerId.toLowerCase() === fabricId.toLowerCase());
  }

  private async load(): Promise<ManagedProcessServerVm[]> {
    const perSubscription = await this.limiter.map(this.subscriptions, async (subscription) => {
      try {
        const resources = await collect(
          new AzureClients(subscription).resources().resources.list({ filter: VIRTUAL_MACHINES_FILTER, expand: 'provisioningState' }),
        );
        return managedProcessServerVms(resources);
      } catch (error) {
        this.log.warn(
          vscode.l10n.t(
            'Could not list the resources this extension deployed in subscription {0}: {1}',
            subscription.name,
            errorMessage(error),
          ),
        );
        return [];
      }
    });
    return perSubscription.flat();
  }
}
