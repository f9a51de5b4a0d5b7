/** Entra's reading of a `scope` parameter: OpenID scopes plus the permissions of exactly one resource. */
import type { EntraError } from './responses';

/** Scopes that ask for id tokens and refresh tokens rather than a resource's permission. */
export const OPENID_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** Microsoft Graph, the resource Entra picks when only OpenID scopes are requested. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** The resource a token is for, as the client named it (`aud`), and the scopes granted on it. */
export interface RequestedResource {
  audience: string;
  /** The `scope` of the token response, e.g. `<resource>/user_impersonation <resource>/.default`. */
  grantedScopes: string[];
}

/** Splits a space-separated `scope` parameter. */
export function splitScopes(scope: string | null): string[] {
  return (scope ?? '').split(' ').filter((value) => value !== '');
}

/** The one resource the scopes address, or Entra's error when they are malformed or name several. */
export function requestedResource(scopes: string[]): RequestedResource | EntraError {
  const resourceScopes = scopes.filter((scope) => !(OPENID_SCOPES as readonly string[]).includes(scope.toLowerCase()));
  if (resourceScopes.length === 0) {
    return { audience: GRAPH_APP_ID, grantedScopes: ['openid', 'profile', 'email'] };
  }
  const resources = new Set<string>();
  const permissions: string[] = [];
  for (const scope of resourceScopes) {
    const split = scope.lastIndexOf('/');
    const resource = scope.slice(0, split);
    if (split <= 0 || !/^https:\/\/[^/]+/i.test(resource)) {
      return invalidScope(`The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`, 70011);
    }
    resources.add(resource);
    permissions.push(scope.slice(split + 1));
  }
  if (resources.size > 1) {
    return invalidScope(`Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${resourceScopes.join(' ')} is not valid.`, 28000);
  }
  const [audience] = resources;
  const granted = new Set(permissions.map((permission) => (permission === '.default' ? 'user_impersonation' : permission)));
  granted.add('.default');
  return { audience, grantedScopes: [...granted].map((permission) => `${audience}/${permission}`) };
}

/** Whether the value is an Entra error rather than a resource. */
export function isEntraError(value: RequestedResource | EntraError): value is EntraError {
  return 'error' in value;
}

function invalidScope(description: string, code: number): EntraError {
  return { status: 400, error: 'invalid_scope', code, description };
}
