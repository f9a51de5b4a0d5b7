/** The emulated cloud's state: tenants, subscriptions, resources, quotas and the simulated on-premises side. */
import { ArmError, resourceGroupNotFound, subscriptionNotFound } from './errors';
import { idKey, parseResourceId, resourceGroupId } from './resourceIds';
import type {
  Seed,
  SeedConfigurationServer,
  SeedOnPremisesNetwork,
  SeedProviderRegistration,
  SeedQuota,
  SeedSubscription,
  SeedTenant,
  SeedUser,
} from './seed';
import { cloneJson, type ArmResource } from './types';

/** A managed run command's protected parameters: kept apart from the resource so they can never be rendered. */
export type ProtectedParameters = readonly { readonly name: string; readonly value: string }[];

/** A storage account's two access keys (ListKeys names them key1 and key2). */
export type StorageAccountKeys = Readonly<Record<'key1' | 'key2', Buffer>>;

/** Mutable in-memory state, reset to the seed on demand. */
export class ArmState {
  tenants: SeedTenant[] = [];
  subscriptions: SeedSubscription[] = [];
  users: SeedUser[] = [];
  quotas: SeedQuota[] = [];
  configurationServers: SeedConfigurationServer[] = [];
  onPremisesNetworks: SeedOnPremisesNetwork[] = [];
  storageAccountNamesTakenElsewhere = new Set<string>();
  readonly protectedParameters = new Map<string, ProtectedParameters>();
  /** Simulated access keys of storage accounts (id keys), made on first use: they sign the emulator's SAS tokens. */
  readonly storageAccountKeys = new Map<string, StorageAccountKeys>();
  /** VMs (id keys) with a `runCommand` action still executing: the action form runs one script at a time per VM. */
  readonly runCommandActionsInProgress = new Set<string>();
  private readonly resources = new Map<string, ArmResource>();
  private registrations = new Map<string, SeedProviderRegistration['registrationState']>();

  constructor(private readonly seed: Seed) {
    this.reset();
  }

  /** Back to the seed: every change made since start is discarded. */
  reset(): void {
    const seed = cloneJson(this.seed);
    this.tenants = seed.tenants ?? [];
    this.subscriptions = seed.subscriptions ?? [];
    this.users = seed.users ?? [];
    this.quotas = seed.quotas ?? [];
    this.configurationServers = seed.configurationServers ?? [];
    this.onPremisesNetworks = seed.onPremisesNetworks ?? [];
    this.storageAccountNamesTakenElsewhere = new Set((seed.storageAccountNamesTakenElsewhere ?? []).map((name) => name.toLowerCase()));
    this.protectedParameters.clear();
    this.storageAccountKeys.clear();
    this.runCommandActionsInProgress.clear();
    this.resources.clear();
    for (const resource of seed.resources ?? []) {
      this.resources.set(idKey(resource.id), resource);
    }
    this.registrations = new Map(
      (seed.providerRegistrations ?? []).map((entry) => [registrationKey(entry.subscriptionId, entry.namespace), entry.registrationState]),
    );
  }

  /** The subscription, or 404 SubscriptionNotFound. */
  requireSubscription(subscriptionId: string): SeedSubscription {
    const subscription = this.subscriptions.find((entry) => entry.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
    if (subscription === undefined) {
      throw subscriptionNotFound(subscriptionId);
    }
    return subscription;
  }

  /** The resource group, or 404 ResourceGroupNotFound (or SubscriptionNotFound). */
  requireResourceGroup(subscriptionId: string, resourceGroupName: string): ArmResource {
    this.requireSubscription(subscriptionId);
    const group = this.get(resourceGroupId(subscriptionId, resourceGroupName));
    if (group === undefined) {
      throw resourceGroupNotFound(resourceGroupName);
    }
    return group;
  }

  /** The stored resource (the live object: callers that hand it out must clone it). */
  get(id: string): ArmResource | undefined {
    return this.resources.get(idKey(id));
  }

  put(resource: ArmResource): void {
    this.resources.set(idKey(resource.id), resource);
  }

  delete(id: string): void {
    this.resources.delete(idKey(id));
    this.protectedParameters.delete(idKey(id));
    this.storageAccountKeys.delete(idKey(id));
  }

  /** Removes the resource and everything whose id starts with its id. */
  deleteTree(id: string): void {
    const prefix = `${idKey(id)}/`;
    for (const key of [...this.resources.keys()]) {
      if (key === idKey(id) || key.startsWith(prefix)) {
        this.delete(key);
      }
    }
  }

  /** All resources for which `predicate` holds. */
  filter(predicate: (resource: ArmResource) => boolean): ArmResource[] {
    return [...this.resources.values()].filter(predicate);
  }

  /** Resources of `type` (case-insensitive) in a subscription, optionally in one resource group. */
  ofType(type: string, subscriptionId: string, resourceGroupName?: string): ArmResource[] {
    return this.filter((resource) => {
      if (resource.type.toLowerCase() !== type.toLowerCase()) {
        return false;
      }
      const parsed = parseResourceId(resource.id);
      if (parsed?.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) {
        return false;
      }
      return resourceGroupName === undefined || parsed.resourceGroupName?.toLowerCase() === resourceGroupName.toLowerCase();
    });
  }

  registrationState(subscriptionId: string, namespace: string): SeedProviderRegistration['registrationState'] {
    return this.registrations.get(registrationKey(subscriptionId, namespace)) ?? 'Registered';
  }

  setRegistrationState(subscriptionId: string, namespace: string, state: SeedProviderRegistration['registrationState']): void {
    this.registrations.set(registrationKey(subscriptionId, namespace), state);
  }

  /** 409 MissingSubscriptionRegistration when the namespace is not registered in the subscription, as ARM answers. */
  requireRegistered(subscriptionId: string, namespace: string): void {
    if (this.registrationState(subscriptionId, namespace) !== 'Registered') {
      throw new ArmError(
        409,
        'MissingSubscriptionRegistration',
        `The subscription is not registered to use namespace '${namespace}'. See https://aka.ms/rps-not-found for how to register subscriptions.`,
      );
    }
  }

  /** A JSON snapshot for the control endpoint; simulation secrets are left out. */
  snapshot(): Record<string, unknown> {
    return {
      tenants: cloneJson(this.tenants),
      subscriptions: cloneJson(this.subscriptions),
      resources: cloneJson([...this.resources.values()]),
      configurationServers: this.configurationServers.map(({ fabricId, ipAddress, hostName, answersOnPort443 }) => ({ fabricId, ipAddress, hostName, answersOnPort443: answersOnPort443 ?? true })),
    };
  }
}

function registrationKey(subscriptionId: string, namespace: string): string {
  return `${subscriptionId}/${namespace}`.toLowerCase();
}
