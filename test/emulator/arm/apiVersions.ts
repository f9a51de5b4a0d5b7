/**
 * The api-versions the emulator accepts per resource provider family: those the installed SDK clients send
 * (node_modules/@azure/arm-*) plus the versions current in Azure/azure-rest-api-specs and a few common older ones.
 */
export interface ApiVersionFamily {
  /** Namespace/type named in ARM's error message. */
  readonly resourceType: string;
  /** True for ARM's own endpoints (Microsoft.Resources): a bad version is InvalidApiVersionParameter. */
  readonly isResourceManagerItself: boolean;
  readonly versions: readonly string[];
}

const resourceManagerVersions = [
  '2016-06-01', '2019-10-01', '2020-01-01', '2021-01-01', '2021-04-01', '2022-01-01', '2022-09-01', '2022-12-01',
  '2023-07-01', '2024-03-01', '2024-07-01', '2024-11-01', '2025-01-01', '2025-03-01', '2025-04-01',
] as const;

const networkVersions = [
  '2023-04-01', '2023-05-01', '2023-06-01', '2023-09-01', '2023-11-01', '2024-01-01', '2024-03-01', '2024-05-01',
  '2024-07-01', '2024-10-01', '2025-01-01', '2025-03-01', '2025-05-01', '2025-07-01', '2026-01-01',
] as const;

const computeVersions = [
  '2023-03-01', '2023-07-01', '2023-09-01', '2024-03-01', '2024-07-01', '2024-11-01', '2025-04-01', '2025-11-01',
  '2026-04-01',
] as const;

/** Every api-version family the emulator serves, by name. */
export const apiVersionFamilies = {
  resourceManager: { resourceType: 'Microsoft.Resources', isResourceManagerItself: true, versions: resourceManagerVersions },
  network: { resourceType: 'Microsoft.Network', isResourceManagerItself: false, versions: networkVersions },
  compute: { resourceType: 'Microsoft.Compute', isResourceManagerItself: false, versions: computeVersions },
  computeDisks: {
    resourceType: 'Microsoft.Compute/disks',
    isResourceManagerItself: false,
    versions: ['2023-04-02', '2023-10-02', '2024-03-02', '2025-01-02', '2026-03-02'],
  },
  computeSkus: {
    resourceType: 'Microsoft.Compute/skus',
    isResourceManagerItself: false,
    versions: ['2019-04-01', '2021-07-01'],
  },
  storage: {
    resourceType: 'Microsoft.Storage',
    isResourceManagerItself: false,
    versions: ['2023-01-01', '2023-04-01', '2023-05-01', '2024-01-01', '2025-01-01', '2025-06-01', '2026-09-01'],
  },
  recoveryServicesVaults: {
    resourceType: 'Microsoft.RecoveryServices/vaults',
    isResourceManagerItself: false,
    versions: ['2023-04-01', '2023-06-01', '2024-04-01', '2024-10-01', '2025-02-01', '2025-08-01', '2026-07-01'],
  },
  siteRecovery: {
    resourceType: 'Microsoft.RecoveryServices/vaults/replicationFabrics',
    isResourceManagerItself: false,
    versions: ['2023-06-01', '2023-08-01', '2024-01-01', '2024-02-01', '2024-04-01', '2024-10-01', '2025-01-01', '2025-08-01'],
  },
  operations: {
    resourceType: 'operations',
    isResourceManagerItself: false,
    versions: [
      ...resourceManagerVersions, ...networkVersions, ...computeVersions, '2023-04-02', '2023-10-02', '2024-03-02', '2025-01-02', '2026-03-02',
      '2021-07-01', '2023-01-01', '2023-04-01', '2023-05-01', '2025-06-01', '2026-09-01', '2023-06-01', '2024-04-01', '2024-10-01',
      '2025-02-01', '2025-08-01', '2026-07-01', '2023-08-01', '2024-02-01',
    ],
  },
} as const satisfies Record<string, ApiVersionFamily>;

/** Name of an api-version family. */
export type ApiVersionFamilyName = keyof typeof apiVersionFamilies;
