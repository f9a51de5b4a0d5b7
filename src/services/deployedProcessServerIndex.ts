import * as vscode from 'vscode';
import { errorMessage, isAbortError } from '../azure/azureErrors';
import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import type { ManagedProcessServerVm } from '../deployment/managedProcessServerVm';
import type { ExtensionLog } from '../logging/extensionLog';
import { untilAborted } from '../util/untilAborted';
import type { InfrastructureServices } from './subscriptionServices';

/** One subscription's listing: in flight, then settled. */
interface SubscriptionListing {
  readonly vms: Promise<ManagedProcessServerVm[]>;
  settled?: readonly ManagedProcessServerVm[];
}

/**
 * The process-server VMs this extension deployed, across the listed subscriptions (a VM can sit in another
 * subscription than its vault): one listing per subscription, made when a configuration server first needs it and
 * kept until something invalidates it. A refresh of one configuration server lists again only the subscriptions that
 * can hold its VMs. A subscription whose listing fails loses only its own marks (logged) and is listed again next time.
 */
export class DeployedProcessServerIndex implements vscode.Disposable {
  private subscriptions: readonly AzureSubscriptionContext[] = [];
  private readonly listings = new Map<string, SubscriptionListing>();
  /** Aborted when everything is forgotten, ending the listings still in flight. */
  private generation = new AbortController();

  constructor(
    private readonly services: InfrastructureServices,
    private readonly log: ExtensionLog,
  ) {}

  /** The subscriptions to search, as the tree lists them; forgets what was listed. */
  setSubscriptions(subscriptions: readonly AzureSubscriptionContext[]): void {
    this.subscriptions = subscriptions;
    this.forgetAll();
  }

  forgetAll(): void {
    this.generation.abort(new DOMException('The deployed VMs are listed again.', 'AbortError'));
    this.generation = new AbortController();
    this.listings.clear();
  }

  /**
   * Forgets the listings a refresh of `scopeId` (a configuration server's, vault's or subscription's resource id) must
   * read again: `homeSubscriptionId`'s, and those of every subscription that held a VM deployed for a configuration
   * server within that scope.
   */
  forget(scopeId: string, homeSubscriptionId: string): void {
    const scope = scopeId.toLowerCase();
    for (const [subscriptionId, listing] of this.listings) {
      const holdsScope = listing.settled?.some((vm) => vm.configurationServerId.toLowerCase().startsWith(scope)) ?? true;
      if (holdsScope || subscriptionId.toLowerCase() === homeSubscriptionId.toLowerCase()) {
        this.listings.delete(subscriptionId);
      }
    }
  }

  /** The VMs deployed for one configuration server (its fabric id), in any listed subscription. */
  async forConfigurationServer(fabricId: string, signal: AbortSignal): Promise<ManagedProcessServerVm[]> {
    const perSubscription = await Promise.all(this.subscriptions.map((subscription) => untilAborted(this.listingOf(subscription).vms, signal)));
    return perSubscription.flat().filter((vm) => vm.configurationServerId.toLowerCase() === fabricId.toLowerCase());
  }

  private listingOf(subscription: AzureSubscriptionContext): SubscriptionListing {
    const existing = this.listings.get(subscription.subscriptionId);
    if (existing !== undefined) {
      return existing;
    }
    const listing: SubscriptionListing = {
      vms: this.services
        .forSubscription(subscription)
        .deployedVms.list(this.generation.signal)
        .then(
          (vms) => {
            listing.settled = vms;
            return vms;
          },
          (error: unknown) => {
            if (this.listings.get(subscription.subscriptionId) === listing) {
              this.listings.delete(subscription.subscriptionId);
            }
            if (!isAbortError(error)) {
              this.log.warn(
                vscode.l10n.t(
                  'Could not list the resources this extension deployed in subscription {0}: {1}',
                  subscription.name,
                  errorMessage(error),
                ),
              );
            }
            return [];
          },
        ),
    };
    this.listings.set(subscription.subscriptionId, listing);
    return listing;
  }

  dispose(): void {
    this.generation.abort(new DOMException('The extension is shutting down.', 'AbortError'));
  }
}
