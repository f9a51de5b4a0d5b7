/** The seed file format: ARM's own REST shapes, plus the simulated on-premises side and identities. */
import { readFileSync } from 'node:fs';
import type { ArmResource, JsonObject } from './types';

/** A tenant as `GET /tenants` returns it. */
export interface SeedTenant extends JsonObject {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
}

/** A subscription as `GET /subscriptions` returns it. */
export interface SeedSubscription extends JsonObject {
  subscriptionId: string;
  tenantId: string;
  displayName: string;
  state: string;
}

/** A service principal Entra ID accepts for client-credentials sign-in. */
export interface SeedServicePrincipal {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
}

/** A user the interactive sign-in knows. */
export interface SeedUser {
  objectId: string;
  displayName: string;
  userPrincipalName: string;
  homeTenantId: string;
  tenantIds: string[];
}

/** A resource provider's registration state in one subscription (default: Registered). */
export interface SeedProviderRegistration {
  subscriptionId: string;
  namespace: string;
  registrationState: 'Registered' | 'NotRegistered' | 'Registering' | 'Unregistering' | 'Unregistered';
}

/** A regional vCPU quota: family `cores` means the regional total. Omitted subscriptionId/location mean "all". */
export interface SeedQuota {
  subscriptionId?: string;
  location?: string;
  family: string;
  limit: number;
}

/** The on-premises configuration server behind a classic (VMware) fabric: never returned by ARM. */
export interface SeedConfigurationServer {
  /** ARM id of the replicationFabrics resource that represents this configuration server. */
  fabricId: string;
  ipAddress: string;
  hostName: string;
  passphrase: string;
  /** False: the on-premises firewall drops port 443 to this configuration server (default: it answers). */
  answersOnPort443?: boolean;
}

/**
 * What reaches a VPN or ExpressRoute gateway from on-premises (simulated: the emulator has no connection or local
 * network gateway resources). Shaped like a local network gateway's `localNetworkAddressSpace` (AddressSpace of
 * Microsoft.Network/localNetworkGateways): for a VPN the prefixes configured in the local network gateway of its
 * connection, for ExpressRoute those advertised over BGP ("Prefixes advertised from on-premises via BGP, or configured
 * in the local network gateway", virtual-network/virtual-networks-udr-overview.md). They become the gateway's routes
 * in the effective route table of every NIC of its virtual network.
 */
export interface SeedOnPremisesNetwork {
  /** ARM id of the virtualNetworkGateways resource. */
  virtualNetworkGatewayId: string;
  localNetworkAddressSpace: { addressPrefixes: string[] };
}

/** One seed file. Every list is optional; several files are concatenated. */
export interface Seed {
  description?: string;
  tenants?: SeedTenant[];
  subscriptions?: SeedSubscription[];
  servicePrincipals?: SeedServicePrincipal[];
  users?: SeedUser[];
  resources?: ArmResource[];
  providerRegistrations?: SeedProviderRegistration[];
  quotas?: SeedQuota[];
  configurationServers?: SeedConfigurationServer[];
  onPremisesNetworks?: SeedOnPremisesNetwork[];
  /** Storage account names some other Azure customer already owns (checkNameAvailability: AlreadyExists). */
  storageAccountNamesTakenElsewhere?: string[];
}

/** Reads and concatenates seed files. */
export function loadSeedFiles(files: readonly string[]): Seed {
  const seeds = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Seed);
  return mergeSeeds(seeds);
}

/** Concatenates the lists of several seeds. */
export function mergeSeeds(seeds: readonly Seed[]): Seed {
  const merged: Required<Omit<Seed, 'description'>> = {
    tenants: [],
    subscriptions: [],
    servicePrincipals: [],
    users: [],
    resources: [],
    providerRegistrations: [],
    quotas: [],
    configurationServers: [],
    onPremisesNetworks: [],
    storageAccountNamesTakenElsewhere: [],
  };
  for (const seed of seeds) {
    merged.tenants.push(...(seed.tenants ?? []));
    merged.subscriptions.push(...(seed.subscriptions ?? []));
    merged.servicePrincipals.push(...(seed.servicePrincipals ?? []));
    merged.users.push(...(seed.users ?? []));
    merged.resources.push(...(seed.resources ?? []));
    merged.providerRegistrations.push(...(seed.providerRegistrations ?? []));
    merged.quotas.push(...(seed.quotas ?? []));
    merged.configurationServers.push(...(seed.configurationServers ?? []));
    merged.onPremisesNetworks.push(...(seed.onPremisesNetworks ?? []));
    merged.storageAccountNamesTakenElsewhere.push(...(seed.storageAccountNamesTakenElsewhere ?? []));
  }
  return merged;
}
