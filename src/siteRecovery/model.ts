/** Health as Site Recovery reports it (ProtectionHealth), plus Unknown when it reports nothing. */
export type ServerHealth = 'Normal' | 'Warning' | 'Critical' | 'Unknown';

/** Where a Recovery Services vault lives. */
export interface VaultInfo {
  readonly id: string;
  readonly name: string;
  readonly resourceGroup: string;
  readonly subscriptionId: string;
  readonly location: string;
}

/**
 * A site a vault replicates from: a classic configuration server (fabric `VMware`), a modernized replication appliance
 * (fabric `InMageRcm`), or another kind of fabric the extension shows but does not act on.
 */
export interface SiteRecoveryFabric {
  readonly kind: 'configurationServer' | 'replicationAppliance' | 'other';
  /** The fabric's Resource Manager id. */
  readonly id: string;
  /** The fabric's name in Resource Manager (a GUID-like string for configuration servers). */
  readonly name: string;
  readonly friendlyName: string;
  readonly instanceType: string;
  readonly hostName?: string;
  readonly ipAddress?: string;
  readonly agentVersion?: string;
  readonly versionStatus?: string;
  readonly lastHeartbeat?: Date;
  readonly health: ServerHealth;
  readonly protectedServers?: number;
  readonly processServers: readonly ProcessServerInfo[];
  readonly vault: VaultInfo;
}

/** A process server as its configuration server or replication appliance reports it. */
export interface ProcessServerInfo {
  readonly id: string;
  readonly friendlyName: string;
  readonly ipAddress?: string;
  readonly agentVersion?: string;
  readonly versionStatus?: string;
  readonly lastHeartbeat?: Date;
  readonly health: ServerHealth;
  readonly healthErrors: readonly string[];
  /** Replicated machines the process server serves: it must not be removed while this is above zero. */
  readonly machineCount?: number;
  /** Replication pairs it carries: also a reason it must not be removed. */
  readonly replicationPairCount?: number;
  readonly osVersion?: string;
  readonly serviceStatus?: string;
  /** When its SSL certificate expires, and in how many days (Site Recovery's own count). */
  readonly sslCertExpiry?: Date;
  readonly sslCertExpiryRemainingDays?: number;
}
