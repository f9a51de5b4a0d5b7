import type { TokenCredential } from '@azure/core-auth';
import type { CloudEnvironment } from './cloudEnvironment';

/** One subscription the user can reach, with the credential and cloud to reach it through. */
export interface AzureSubscriptionContext {
  readonly subscriptionId: string;
  readonly name: string;
  readonly tenantId: string;
  readonly credential: TokenCredential;
  readonly cloud: CloudEnvironment;
}
