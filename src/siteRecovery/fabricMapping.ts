import type {
  Fabric,
  HealthError,
  InMageRcmFabricSpecificDetails,
  ProcessServer,
  ProcessServerDetails,
  Vault,
  VMwareDetails,
} from './sdkTypes';
import type { ProcessServerInfo, ServerHealth, SiteRecoveryFabric, VaultInfo } from './model';

/** Resource group and subscription of an ARM id (`/subscriptions/{s}/resourceGroups/{rg}/...`). */
export function parseResourceId(id: string): { subscriptionId: string; resourceGroup: string; name: string } {
  const subscription = /\/subscriptions\/([^/]+)/i.exec(id);
  const resourceGroup = /\/resourceGroups\/([^/]+)/i.exec(id);
  const segments = id.split('/').filter((segment) => segment !== '');
  return {
    subscriptionId: subscription?.[1] ?? '',
    resourceGroup: resourceGroup?.[1] ?? '',
    name: segments.at(-1) ?? '',
  };
}

export function toVaultInfo(vault: Vault): VaultInfo {
  const id = vault.id ?? '';
  const parsed = parseResourceId(id);
  return {
    id,
    name: vault.name ?? parsed.name,
    resourceGroup: parsed.resourceGroup,
    subscriptionId: parsed.subscriptionId,
    location: vault.location,
  };
}

/** Site Recovery reports counts as strings ("12"); anything else is no count. */
function count(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const parsed = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function health(value: string | undefined): ServerHealth {
  switch (value?.toLowerCase()) {
    case 'normal':
      return 'Normal';
    case 'warning':
      return 'Warning';
    case 'critical':
      return 'Critical';
    default:
      return 'Unknown';
  }
}

function errorMessages(errors: readonly HealthError[] | undefined): string[] {
  return (errors ?? [])
    .map((error) => error.summaryMessage ?? error.errorMessage ?? error.errorCode ?? '')
    .filter((message) => message !== '');
}

function fromClassicProcessServer(server: ProcessServer): ProcessServerInfo {
  const healthErrors = errorMessages(server.healthErrors);
  return {
    id: server.id ?? '',
    friendlyName: server.friendlyName ?? server.ipAddress ?? server.id ?? '',
    ipAddress: server.ipAddress,
    agentVersion: server.agentVersion,
    versionStatus: server.versionStatus,
    lastHeartbeat: server.lastHeartbeat,
    // Classic process servers report health only through its errors on older agents.
    health: server.health === undefined && healthErrors.length > 0 ? 'Warning' : health(server.health),
    healthErrors,
    machineCount: count(server.machineCount),
    replicationPairCount: count(server.replicationPairCount),
    osVersion: server.osVersion,
    serviceStatus: server.psServiceStatus,
    sslCertExpiry: server.sslCertExpiryDate,
    sslCertExpiryRemainingDays: server.sslCertExpiryRemainingDays,
  };
}

function fromModernizedProcessServer(server: ProcessServerDetails): ProcessServerInfo {
  return {
    id: server.id ?? '',
    friendlyName: server.name ?? server.fqdn ?? server.id ?? '',
    ipAddress: server.ipAddresses?.[0],
    agentVersion: server.version,
    lastHeartbeat: server.lastHeartbeatUtc,
    health: health(server.health),
    healthErrors: errorMessages(server.healthErrors),
    machineCount: server.protectedItemCount,
  };
}

/** The extension's view of a `replicationFabrics` item, for either experience. */
export function toSiteRecoveryFabric(fabric: Fabric, vault: VaultInfo): SiteRecoveryFabric {
  const id = fabric.id ?? '';
  const name = fabric.name ?? parseResourceId(id).name;
  const details = fabric.properties?.customDetails;
  const friendlyName = fabric.properties?.friendlyName ?? name;
  const common = { id, name, friendlyName, vault, health: health(fabric.properties?.health) };
  if (details?.instanceType === 'VMware') {
    // The SDK's union keeps the base type beside VMwareDetails, so the discriminant does not narrow it.
    const classic = details as VMwareDetails;
    return {
      ...common,
      kind: 'configurationServer',
      instanceType: classic.instanceType,
      hostName: classic.hostName,
      ipAddress: classic.ipAddress,
      agentVersion: classic.agentVersion,
      versionStatus: classic.versionStatus,
      lastHeartbeat: classic.lastHeartbeat,
      protectedServers: count(classic.protectedServers),
      processServers: (classic.processServers ?? []).map(fromClassicProcessServer),
    };
  }
  if (details?.instanceType === 'InMageRcm') {
    const modernized = details as InMageRcmFabricSpecificDetails;
    return {
      ...common,
      kind: 'replicationAppliance',
      instanceType: modernized.instanceType,
      processServers: (modernized.processServers ?? []).map(fromModernizedProcessServer),
    };
  }
  return { ...common, kind: 'other', instanceType: details?.instanceType ?? '', processServers: [] };
}
