import type { TokenCredential } from '@azure/core-auth';
import { loadAzureSdk, type AzureSdk } from './azureSdk';
import type { AzureSubscriptionContext } from './azureSubscriptionContext';
import type { HttpClient, PipelinePolicy } from '@azure/core-rest-pipeline';
import { callSignalPolicy } from './callCancellation';
import { connectionReusePolicy } from './connectionReusePolicy';
import { createPollingRetryAfterPolicy } from './pollingRetryAfterPolicy';
import { resourceManagerEndpoint, resourceManagerScope, type CloudEnvironment } from './cloudEnvironment';

const USER_AGENT_PREFIX = 'vscode-asr-failback';

/** One for every client: an LRO's first poll may go through another client than the request that started it. */
const pollingRetryAfterPolicy = createPollingRetryAfterPolicy();

let sharedHttpClient: HttpClient | undefined;

/** The one HTTP client every Azure client and the service principal's credential send through. */
function sharedHttpClientNow(): HttpClient {
  sharedHttpClient ??= loadAzureSdk().createDefaultHttpClient();
  return sharedHttpClient;
}

/**
 * What both client generations share: one HTTP client (each generation would otherwise keep its own, with its own
 * pool of connections), the user agent, the policy that puts the call's abort signal on requests, the one that keeps
 * connections for reuse, and the one that holds an LRO's first poll until Azure's Retry-After.
 */
function commonClientOptions(): {
  httpClient: HttpClient;
  userAgentOptions: { userAgentPrefix: string };
  additionalPolicies: { policy: PipelinePolicy; position: 'perCall' }[];
} {
  return {
    httpClient: sharedHttpClientNow(),
    userAgentOptions: { userAgentPrefix: USER_AGENT_PREFIX },
    additionalPolicies: [
      { policy: callSignalPolicy, position: 'perCall' },
      { policy: connectionReusePolicy, position: 'perCall' },
      { policy: pollingRetryAfterPolicy, position: 'perCall' },
    ],
  };
}

/**
 * What a credential that asks Entra ID itself (the service principal) shares with the clients: the HTTP client and
 * the policy that keeps its connection, so that its metadata read and token request go over one connection.
 */
export function credentialClientOptions(): {
  httpClient: HttpClient;
  additionalPolicies: { policy: PipelinePolicy; position: 'perCall' }[];
} {
  return { httpClient: sharedHttpClientNow(), additionalPolicies: [{ policy: connectionReusePolicy, position: 'perCall' }] };
}

/**
 * Options for the SDK's two client generations, pointed at the user's cloud. "Classic" clients
 * (arm-recoveryservices-siterecovery, arm-resources-subscriptions) read `endpoint` and `credentialScopes`;
 * "modular" ones (arm-resources 8, arm-recoveryservices 7, arm-compute, arm-network, arm-storage) read only `endpoint`
 * and `credentials.scopes`: a `baseUri` would be ignored silently and the call would go to public Azure.
 */
export function classicClientOptions(cloud: CloudEnvironment): ReturnType<typeof commonClientOptions> & {
  endpoint: string;
  credentialScopes: string[];
} {
  return { ...commonClientOptions(), endpoint: resourceManagerEndpoint(cloud), credentialScopes: [resourceManagerScope(cloud)] };
}

export function modularClientOptions(cloud: CloudEnvironment): ReturnType<typeof commonClientOptions> & {
  endpoint: string;
  credentials: { scopes: string[] };
} {
  return { ...commonClientOptions(), endpoint: resourceManagerEndpoint(cloud), credentials: { scopes: [resourceManagerScope(cloud)] } };
}

/** The one place Azure clients are made, per subscription, created on first use and reused after. */
export class AzureClients {
  private recoveryServicesClient: AzureSdk.RecoveryServicesClient | undefined;
  private siteRecoveryClient: AzureSdk.SiteRecoveryManagementClient | undefined;
  private resourcesClient: AzureSdk.ResourceManagementClient | undefined;
  private networkClient: AzureSdk.NetworkManagementClient | undefined;
  private computeClient: AzureSdk.ComputeManagementClient | undefined;
  private storageClient: AzureSdk.StorageManagementClient | undefined;
  private subscriptionClient: AzureSdk.SubscriptionClient | undefined;

  constructor(readonly subscription: AzureSubscriptionContext) {}

  recoveryServices(): AzureSdk.RecoveryServicesClient {
    const { credential, subscriptionId, cloud } = this.subscription;
    this.recoveryServicesClient ??= new (loadAzureSdk().RecoveryServicesClient)(credential, subscriptionId, modularClientOptions(cloud));
    return this.recoveryServicesClient;
  }

  siteRecovery(): AzureSdk.SiteRecoveryManagementClient {
    const { credential, subscriptionId, cloud } = this.subscription;
    this.siteRecoveryClient ??= new (loadAzureSdk().SiteRecoveryManagementClient)(credential, subscriptionId, classicClientOptions(cloud));
    return this.siteRecoveryClient;
  }

  resources(): AzureSdk.ResourceManagementClient {
    const { credential, subscriptionId, cloud } = this.subscription;
    this.resourcesClient ??= new (loadAzureSdk().ResourceManagementClient)(credential, subscriptionId, modularClientOptions(cloud));
    return this.resourcesClient;
  }

  network(): AzureSdk.NetworkManagementClient {
    const { credential, subscriptionId, cloud } = this.subscription;
    this.networkClient ??= new (loadAzureSdk().NetworkManagementClient)(credential, subscriptionId, modularClientOptions(cloud));
    return this.networkClient;
  }

  compute(): AzureSdk.ComputeManagementClient {
    const { credential, subscriptionId, cloud } = this.subscription;
    this.computeClient ??= new (loadAzureSdk().ComputeManagementClient)(credential, subscriptionId, modularClientOptions(cloud));
    return this.computeClient;
  }

  storage(): AzureSdk.StorageManagementClient {
    const { credential, subscriptionId, cloud } = this.subscription;
    this.storageClient ??= new (loadAzureSdk().StorageManagementClient)(credential, subscriptionId, modularClientOptions(cloud));
    return this.storageClient;
  }

  /** Subscription-level reads (the regions the subscription offers). */
  subscriptions(): AzureSdk.SubscriptionClient {
    this.subscriptionClient ??= createSubscriptionClient(this.subscription.credential, this.subscription.cloud);
    return this.subscriptionClient;
  }
}

/** The client that lists tenants' subscriptions for the Azure CLI and service-principal sign-ins. */
export function createSubscriptionClient(credential: TokenCredential, cloud: CloudEnvironment): AzureSdk.SubscriptionClient {
  return new (loadAzureSdk().SubscriptionClient)(credential, classicClientOptions(cloud));
}
