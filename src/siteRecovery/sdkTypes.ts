/** The Site Recovery and Recovery Services shapes the extension reads, as the Azure SDK types them. */
export type {
  Fabric,
  HealthError,
  InMageRcmFabricSpecificDetails,
  ProcessServer,
  ProcessServerDetails,
  VMwareDetails,
} from '@azure/arm-recoveryservices-siterecovery';
export type { Vault } from '@azure/arm-recoveryservices';
