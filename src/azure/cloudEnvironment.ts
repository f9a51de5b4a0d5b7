/** The Azure cloud the user works in: public Azure, a sovereign cloud, or a custom one (Azure Stack, the emulator). */
export interface CloudEnvironment {
  readonly name: string;
  /** e.g. https://management.azure.com/ */
  readonly resourceManagerEndpointUrl: string;
  /** e.g. https://login.microsoftonline.com/ */
  readonly activeDirectoryEndpointUrl: string;
  /** e.g. https://portal.azure.com */
  readonly portalUrl: string;
  readonly isCustomCloud: boolean;
}

/** The Resource Manager endpoint without a trailing slash, as SDK clients take it. */
export function resourceManagerEndpoint(cloud: CloudEnvironment): string {
  return cloud.resourceManagerEndpointUrl.replace(/\/+$/, '');
}

/** The token scope for Resource Manager in this cloud. */
export function resourceManagerScope(cloud: CloudEnvironment): string {
  return `${resourceManagerEndpoint(cloud)}/.default`;
}

/** The portal page of an Azure resource, in this cloud's portal. */
export function portalResourceUrl(cloud: CloudEnvironment, tenantId: string, resourceId: string): string {
  return `${cloud.portalUrl.replace(/\/+$/, '')}/#@${tenantId}/resource${resourceId}`;
}
