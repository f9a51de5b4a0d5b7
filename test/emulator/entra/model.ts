/** The directory the Entra ID emulator serves: tenants, service principals, users and public clients. */

/** An Entra ID tenant (directory). */
export interface EntraTenant {
  id: string;
  displayName: string;
  /** e.g. `contoso.onmicrosoft.com`; also accepted in place of the id in authority URLs. */
  defaultDomain: string;
}

/** An app registration with a client secret, used by `ClientSecretCredential`. */
export interface ServicePrincipal {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
}

/** A user who is "signed in" in the emulated browser session and consents at once. */
export interface DemoUser {
  objectId: string;
  displayName: string;
  userPrincipalName: string;
  homeTenantId: string;
  /** Every tenant the user is a member of, the home tenant included. */
  tenantIds: string[];
}

/** A public client (no secret) allowed to use the authorization-code flow, e.g. VS Code. */
export interface PublicClient {
  clientId: string;
  displayName: string;
  /** Exact redirect URIs; `http://localhost` and `http://127.0.0.1` also allow any port, as Entra does. */
  redirectUris: string[];
}

/** VS Code's Microsoft authentication provider, as registered in Entra ID. */
export const VSCODE_PUBLIC_CLIENT: PublicClient = {
  clientId: 'aebc6443-996d-45c2-90f0-388ff96faa56',
  displayName: 'Visual Studio Code',
  redirectUris: ['https://vscode.dev/redirect', 'http://localhost', 'http://127.0.0.1'],
};

/** How the Entra ID emulator is configured. */
export interface EntraOptions {
  tenants: EntraTenant[];
  servicePrincipals: ServicePrincipal[];
  users: DemoUser[];
  /** Public clients for interactive sign-in; default: VS Code's ({@link VSCODE_PUBLIC_CLIENT}). */
  publicClients?: PublicClient[];
  /** Default 3599 s, like Entra's `expires_in`. */
  accessTokenLifetimeSeconds?: number;
  /** The emulator's own origin, e.g. `https://127.0.0.1:PORT`; known only once it listens. */
  issuerBase: () => string;
  /** Clock in milliseconds; default `Date.now`. Tests move it to expire tokens without sleeping. */
  now?: () => number;
}

/** The outcome of checking an ARM request's `Authorization` header. */
export type BearerCheck =
  | { ok: true; tenantId: string; objectId: string; expiresOn: number }
  | {
    ok: false;
    status: 401;
    code: 'AuthenticationFailed' | 'ExpiredAuthenticationToken' | 'InvalidAuthenticationToken'
      | 'InvalidAuthenticationTokenAudience';
    message: string;
    /** The `WWW-Authenticate` header ARM sends with this 401. */
    wwwAuthenticate: string;
  };
