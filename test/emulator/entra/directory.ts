/** Look-ups in the emulated directory: which tenant an authority path names, which apps and users exist. */
import { createHash } from 'node:crypto';
import type { DemoUser, EntraTenant, PublicClient, ServicePrincipal } from './model';

/** The multi-tenant authority segments Entra accepts in place of a tenant. */
export type MultiTenantAuthority = 'common' | 'organizations';

/** What the first path segment of an Entra URL designates. */
export type AuthorityTarget =
  | { kind: 'tenant'; tenant: EntraTenant }
  | { kind: 'multiTenant'; segment: MultiTenantAuthority }
  | { kind: 'unknown'; segment: string };

/** The tenants, apps and users of the emulated cloud. */
export class Directory {
  constructor(
    private readonly tenants: readonly EntraTenant[],
    private readonly servicePrincipals: readonly ServicePrincipal[],
    private readonly users: readonly DemoUser[],
    private readonly publicClients: readonly PublicClient[],
  ) {}

  /** Resolves an authority segment: a tenant id, a tenant domain, `common` or `organizations`. */
  resolveAuthority(segment: string): AuthorityTarget {
    const lower = segment.toLowerCase();
    if (lower === 'common' || lower === 'organizations') {
      return { kind: 'multiTenant', segment: lower };
    }
    const tenant = this.tenants.find((candidate) => candidate.id.toLowerCase() === lower
      || candidate.defaultDomain.toLowerCase() === lower);
    return tenant ? { kind: 'tenant', tenant } : { kind: 'unknown', segment };
  }

  tenantById(tenantId: string): EntraTenant | undefined {
    return this.tenants.find((tenant) => tenant.id === tenantId);
  }

  /** Service principals registered under this client id, in any tenant. */
  servicePrincipalsByClientId(clientId: string): ServicePrincipal[] {
    return this.servicePrincipals.filter((principal) => principal.clientId.toLowerCase() === clientId.toLowerCase());
  }

  publicClient(clientId: string): PublicClient | undefined {
    return this.publicClients.find((client) => client.clientId.toLowerCase() === clientId.toLowerCase());
  }

  userById(objectId: string): DemoUser | undefined {
    return this.users.find((user) => user.objectId === objectId);
  }

  /**
   * The user signed in to the emulated browser for an authorization request: the one `login_hint`
   * names, else the first who may sign in to that authority.
   */
  signedInUser(target: AuthorityTarget, loginHint: string | undefined): DemoUser | undefined {
    const eligible = this.users.filter((user) => target.kind !== 'tenant' || user.tenantIds.includes(target.tenant.id));
    if (loginHint) {
      return eligible.find((user) => user.userPrincipalName.toLowerCase() === loginHint.toLowerCase());
    }
    return eligible[0];
  }
}

/** Whether a redirect URI is registered for the client (loopback entries allow any port, as Entra does). */
export function isRegisteredRedirectUri(client: PublicClient, redirectUri: string): boolean {
  if (client.redirectUris.includes(redirectUri)) {
    return true;
  }
  let parsed: URL;
  try {
    parsed = new URL(redirectUri);
  } catch {
    return false;
  }
  const isLoopback = parsed.protocol === 'http:' && (parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1');
  return isLoopback && client.redirectUris.includes(`http://${parsed.hostname}`);
}

/** A stable GUID derived from the given parts, e.g. a service principal's object id in its tenant. */
export function derivedGuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
