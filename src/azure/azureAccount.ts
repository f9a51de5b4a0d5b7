import type { TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';
import type { ExtensionLog } from '../logging/extensionLog';
import {
  AUTHENTICATION_SETTING,
  configuredAuthenticationMethod,
  EXTENSION_SETTINGS_SECTION,
  SELECTED_SUBSCRIPTIONS_SETTING,
  selectedSubscriptions,
  type AuthenticationMethod,
} from './authenticationMethod';
import { createSubscriptionClient, credentialClientOptions } from './azureClients';
import { loadAzureSdk, type AzureSdk } from './azureSdk';
import type { AzureSubscriptionContext } from './azureSubscriptionContext';
import { collectAll } from './callCancellation';
import type { CloudEnvironment } from './cloudEnvironment';
import { SignInRequiredError } from './signInRequiredError';
import { isSubscriptionSelected } from './subscriptionFilter';

/** Sign-in fires a burst of session events (one per tenant); the tree reloads once after the burst. */
const CHANGE_DEBOUNCE_MS = 300;

/** The settings whose change means the tree must load again from the top. */
const SETTINGS_THAT_CHANGE_THE_ACCOUNT = [
  `${EXTENSION_SETTINGS_SECTION}.${AUTHENTICATION_SETTING}`,
  `${EXTENSION_SETTINGS_SECTION}.${SELECTED_SUBSCRIPTIONS_SETTING}`,
  'microsoft-sovereign-cloud',
];

/** The ids of the accounts signed in to an authentication provider, in one comparable string. */
async function accountSet(providerId: string): Promise<string> {
  const accounts = await vscode.authentication.getAccounts(providerId);
  return accounts
    .map((account) => account.id)
    .sort()
    .join('\n');
}

/**
 * The user's way into Azure: which cloud, whether they are signed in, and the subscriptions they can reach, through
 * VS Code's Microsoft account, the Azure CLI or a service principal (setting `asrFailback.authentication`).
 * The SDK is loaded on the first call, never at activation.
 */
export class AzureAccount implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when the user signs in or out, or changes the sign-in method, cloud or subscription filter. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly disposables: { dispose(): unknown }[] = [this.changeEmitter];
  private vscodeProvider: InstanceType<typeof AzureSdk.VSCodeAzureSubscriptionProvider> | undefined;
  private pendingChange: ReturnType<typeof setTimeout> | undefined;

  /**
   * The accounts of VS Code's Microsoft sign-in the last listing was made with ('' when it found no one signed in),
   * undefined before the first. Session events fire for much more than a sign-in or out (the listing itself gets a
   * token per tenant); only a change of this set reloads the tree, so a sign-in lists the subscriptions once.
   */
  private listedAccounts: string | undefined;
  /** The last listing of the selected subscriptions, forgotten when the accounts or the settings change. */
  private lastListing: Promise<AzureSubscriptionContext[]> | undefined;

  constructor(private readonly log: ExtensionLog) {
    this.disposables.push(
      vscode.authentication.onDidChangeSessions((event) => {
        if (event.provider.id.startsWith('microsoft') && configuredAuthenticationMethod() === 'vscode') {
          void this.reloadIfAccountsChanged(event.provider.id);
        }
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (SETTINGS_THAT_CHANGE_THE_ACCOUNT.some((setting) => event.affectsConfiguration(setting))) {
          this.vscodeProvider?.dispose();
          this.vscodeProvider = undefined;
          this.announceChange();
        }
      }),
    );
  }

  private async reloadIfAccountsChanged(providerId: string): Promise<void> {
    const accounts = await accountSet(providerId);
    if (accounts !== this.listedAccounts) {
      this.announceChange();
    }
  }

  private announceChange(): void {
    this.lastListing = undefined;
    clearTimeout(this.pendingChange);
    this.pendingChange = setTimeout(() => {
      this.changeEmitter.fire();
    }, CHANGE_DEBOUNCE_MS);
  }

  get method(): AuthenticationMethod {
    return configuredAuthenticationMethod();
  }

  /** The configured cloud (`microsoft-sovereign-cloud.environment`), public Azure unless set. */
  cloud(): CloudEnvironment {
    const environment = loadAzureSdk().getConfiguredAzureEnv();
    return {
      name: environment.name,
      resourceManagerEndpointUrl: environment.resourceManagerEndpointUrl,
      activeDirectoryEndpointUrl: environment.activeDirectoryEndpointUrl,
      portalUrl: environment.portalUrl,
      isCustomCloud: environment.isCustomCloud,
    };
  }

  /** Whether a sign-in is needed before anything can be listed. CLI and service-principal sign-ins are checked on use. */
  async isSignedIn(): Promise<boolean> {
    return this.method === 'vscode' ? this.subscriptionProvider().isSignedIn() : true;
  }

  /** Signs in through VS Code's Microsoft account; for the other methods, says how to sign in. */
  async signIn(): Promise<boolean> {
    if (this.method === 'vscode') {
      // The sign-in changes VS Code's accounts, and that change reloads the tree.
      return this.subscriptionProvider().signIn();
    }
    void vscode.window.showInformationMessage(
      this.method === 'azureCli'
        ? vscode.l10n.t('The extension signs in with the Azure CLI: run "az login" in a terminal, then refresh the view.')
        : vscode.l10n.t(
            'The extension signs in with a service principal: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET in the environment VS Code starts from.',
          ),
    );
    return false;
  }

  /** Every subscription the user can reach with the configured method, narrowed by `asrFailback.selectedSubscriptions`. */
  /**
   * The selected subscriptions, listed again (the tree's load and refresh do), or with `reuse` the last listing while
   * the accounts and the settings have not changed since (a command's picker does not sign in and list again what the
   * tree has just listed).
   */
  listSubscriptions(options: { readonly reuse?: boolean } = {}): Promise<AzureSubscriptionContext[]> {
    if (options.reuse === true && this.lastListing !== undefined) {
      return this.lastListing;
    }
    const listing = (async () => {
      const all = this.method === 'vscode' ? await this.listWithVsCodeAccount() : await this.listWithCredential();
      const selected = selectedSubscriptions();
      return all.filter((subscription) => isSubscriptionSelected(selected, subscription)).sort((a, b) => a.name.localeCompare(b.name));
    })();
    this.lastListing = listing;
    listing.catch(() => {
      if (this.lastListing === listing) {
        this.lastListing = undefined;
      }
    });
    return listing;
  }

  /** Every subscription, ignoring the filter, for the "Select Subscriptions" picker. */
  async listAllSubscriptions(): Promise<AzureSubscriptionContext[]> {
    return this.method === 'vscode' ? this.listWithVsCodeAccount() : this.listWithCredential();
  }

  private subscriptionProvider(): InstanceType<typeof AzureSdk.VSCodeAzureSubscriptionProvider> {
    this.vscodeProvider ??= new (loadAzureSdk().VSCodeAzureSubscriptionProvider)();
    return this.vscodeProvider;
  }

  private async listWithVsCodeAccount(): Promise<AzureSubscriptionContext[]> {
    const sdk = loadAzureSdk();
    const provider = this.subscriptionProvider();
    if (!(await provider.isSignedIn())) {
      this.listedAccounts = '';
      throw new SignInRequiredError();
    }
    this.listedAccounts = await accountSet(sdk.getConfiguredAuthProviderId());
    try {
      const cloud = this.cloud();
      const subscriptions = await provider.getSubscriptions(false);
      // The same subscription can come from two accounts; keep the first.
      const unique = new Map<string, AzureSubscriptionContext>();
      for (const subscription of subscriptions) {
        if (!unique.has(subscription.subscriptionId)) {
          unique.set(subscription.subscriptionId, {
            subscriptionId: subscription.subscriptionId,
            name: subscription.name,
            tenantId: subscription.tenantId,
            credential: subscription.credential,
            cloud,
          });
        }
      }
      return [...unique.values()];
    } catch (error) {
      if (sdk.isNotSignedInError(error)) {
        throw new SignInRequiredError();
      }
      throw error;
    }
  }

  private async listWithCredential(): Promise<AzureSubscriptionContext[]> {
    const sdk = loadAzureSdk();
    const cloud = this.cloud();
    const credential = this.method === 'azureCli' ? new sdk.AzureCliCredential() : this.servicePrincipalCredential(cloud);
    const client = createSubscriptionClient(credential, cloud);
    try {
      const subscriptions = await collectAll(() => client.subscriptions.list());
      return subscriptions.map((subscription) => ({
        subscriptionId: subscription.subscriptionId ?? '',
        name: subscription.displayName ?? subscription.subscriptionId ?? '',
        tenantId: subscription.tenantId ?? '',
        credential,
        cloud,
      }));
    } catch (error) {
      throw new Error(this.credentialGuidance(error), { cause: error });
    }
  }

  private servicePrincipalCredential(cloud: CloudEnvironment): TokenCredential {
    const tenantId = process.env.AZURE_TENANT_ID;
    const clientId = process.env.AZURE_CLIENT_ID;
    const clientSecret = process.env.AZURE_CLIENT_SECRET;
    if (tenantId === undefined || clientId === undefined || clientSecret === undefined || clientSecret === '') {
      throw new Error(
        vscode.l10n.t(
          'Service principal sign-in needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET in the environment VS Code starts from. Set them, or change the setting "asrFailback.authentication".',
        ),
      );
    }
    this.log.masker.add(clientSecret);
    return new (loadAzureSdk().ClientSecretCredential)(tenantId, clientId, clientSecret, {
      ...credentialClientOptions(),
      authorityHost: cloud.activeDirectoryEndpointUrl,
      // Instance discovery asks the public cloud about the authority: only right for the clouds it knows.
      disableInstanceDiscovery: cloud.isCustomCloud,
    });
  }

  /** A credential error turned into what the user should do about it. */
  private credentialGuidance(error: unknown): string {
    const name = error instanceof Error ? error.name : '';
    const detail = this.log.masker.mask(error instanceof Error ? error.message : String(error));
    if (this.method === 'azureCli' && name === 'CredentialUnavailableError') {
      return vscode.l10n.t(
        'The Azure CLI could not give a token: install it and run "az login" (for a custom cloud, "az cloud register" and "az cloud set" first), or change the setting "asrFailback.authentication". Details: {0}',
        detail,
      );
    }
    // msal's code when it could not read the authority's metadata: nothing reached the sign-in endpoint, or its answer
    // was not trusted (https://aka.ms/msal.js.errors#endpoints_resolution_error).
    if (this.method === 'servicePrincipal' && detail.includes('endpoints_resolution_error')) {
      return vscode.l10n.t(
        'The sign-in endpoint {0} could not be reached: check the network, the proxy (setting "http.proxy") and that the certificate it presents is trusted (setting "http.systemCertificates", or NODE_EXTRA_CA_CERTS). Details: {1}',
        this.cloud().activeDirectoryEndpointUrl,
        detail,
      );
    }
    if (this.method === 'servicePrincipal' && (name === 'AuthenticationError' || name === 'AuthenticationRequiredError')) {
      return vscode.l10n.t(
        'The service principal was refused: check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, and that the secret has not expired. Details: {0}',
        detail,
      );
    }
    return detail;
  }

  dispose(): void {
    clearTimeout(this.pendingChange);
    this.vscodeProvider?.dispose();
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
