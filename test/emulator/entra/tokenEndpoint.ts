/** `POST /{tenant}/oauth2/v2.0/token`: client credentials, authorization code with PKCE, refresh token. */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EntraContext } from './context';
import type { AuthorityTarget } from './directory';
import { AUTHORIZATION_CODE_LIFETIME_MS } from './grantStore';
import type { DemoUser, EntraTenant, PublicClient } from './model';
import type { EntraError } from './responses';
import { GRAPH_APP_ID, isEntraError, requestedResource, splitScopes } from './scopes';
import { clientInfo } from './tokenIssuer';

/** A token endpoint outcome: the JSON body to send with 200, or Entra's error. */
export type TokenOutcome = { ok: true; body: Record<string, string | number> } | { ok: false; failure: EntraError };

/** Answers one token request; `form` is the url-encoded body. */
export function redeemTokenRequest(
  req: IncomingMessage,
  form: URLSearchParams,
  target: AuthorityTarget,
  context: EntraContext,
): TokenOutcome {
  if (target.kind === 'unknown') {
    return failed(unknownTenant(target.segment));
  }
  const grantType = form.get('grant_type');
  const client = clientCredentialsOf(req, form);
  if (!grantType) {
    return failed(missingParameter('grant_type'));
  }
  if (!client.clientId) {
    return failed(missingParameter('client_id'));
  }
  switch (grantType) {
    case 'client_credentials':
      return clientCredentialsGrant(client.clientId, client.clientSecret, form, target, context);
    case 'authorization_code':
    case 'refresh_token': {
      const publicClient = context.directory.publicClient(client.clientId);
      if (!publicClient) {
        return failed(applicationNotFound(client.clientId, target));
      }
      if (client.clientSecret !== undefined) {
        return failed({ status: 401, error: 'invalid_client', code: 700025,
          description: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented." });
      }
      return grantType === 'authorization_code'
        ? authorizationCodeGrant(publicClient, form, target, context)
        : refreshTokenGrant(publicClient, form, target, context);
    }
    default:
      return failed({ status: 400, error: 'unsupported_grant_type', code: 70003,
        description: `The app requested an unsupported grant type '${grantType}'.` });
  }
}

function clientCredentialsGrant(
  clientId: string,
  clientSecret: string | undefined,
  form: URLSearchParams,
  target: Exclude<AuthorityTarget, { kind: 'unknown' }>,
  context: EntraContext,
): TokenOutcome {
  if (target.kind === 'multiTenant') {
    return failed({ status: 400, error: 'invalid_request', code: 50059,
      description: 'No tenant-identifying information found in either the request or implied by any provided credentials.' });
  }
  const principal = context.directory.servicePrincipalsByClientId(clientId)
    .find((candidate) => candidate.tenantId === target.tenant.id);
  if (!principal) {
    return failed(applicationNotFound(clientId, target));
  }
  if (clientSecret === undefined || clientSecret === '') {
    return failed({ status: 401, error: 'invalid_client', code: 7000218,
      description: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." });
  }
  if (!secretsEqual(clientSecret, principal.clientSecret)) {
    return failed({ status: 401, error: 'invalid_client', code: 7000215,
      description: 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, '
        + `not the client secret ID, for a secret added to app '${principal.clientId}'.` });
  }
  const scopes = splitScopes(form.get('scope'));
  if (scopes.length === 0) {
    return failed(missingParameter('scope'));
  }
  const scope = scopes[0];
  if (scopes.length !== 1 || !scope.endsWith('/.default')) {
    return failed({ status: 400, error: 'invalid_scope', code: 1002012,
      description: `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value `
        + 'with /.default suffixed to the resource identifier (application ID URI).' });
  }
  const audience = scope.slice(0, -'/.default'.length);
  const unknownResource = checkKnownResource(audience, target.tenant, context);
  if (unknownResource) {
    return failed(unknownResource);
  }
  const issued = context.tokens.appAccessToken(principal, audience);
  return { ok: true, body: {
    token_type: 'Bearer',
    expires_in: issued.expiresInSeconds,
    ext_expires_in: issued.expiresInSeconds,
    access_token: issued.accessToken,
  } };
}

function authorizationCodeGrant(
  client: PublicClient,
  form: URLSearchParams,
  target: Exclude<AuthorityTarget, { kind: 'unknown' }>,
  context: EntraContext,
): TokenOutcome {
  const code = form.get('code');
  if (!code) {
    return failed(missingParameter('code'));
  }
  const grant = context.grants.code(code);
  if (!grant || grant.clientId !== client.clientId) {
    return failed(invalidGrant(70000, 'Provided grant is invalid or malformed.'));
  }
  if (grant.redeemed) {
    return failed(invalidGrant(54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'));
  }
  if (context.nowMs - grant.issuedAtMs > AUTHORIZATION_CODE_LIFETIME_MS) {
    return failed(invalidGrant(70008, 'The provided authorization code or refresh token has expired due to inactivity. '
      + 'Send a new interactive authorization request for this user and resource.'));
  }
  if (target.kind === 'tenant' && target.tenant.id !== grant.tenantId) {
    return failed(invalidGrant(700005, 'Provided Authorization Code is intended to use against other tenant, thus rejected.'));
  }
  const redirectUri = form.get('redirect_uri') ?? '';
  if (redirectUri !== grant.redirectUri) {
    return failed(invalidGrant(500112, `The reply address '${redirectUri}' does not match the reply address `
      + `'${grant.redirectUri}' provided when requesting Authorization code.`));
  }
  if (!pkceVerifierMatches(form.get('code_verifier'), grant.codeChallenge, grant.codeChallengeMethod)) {
    return failed(invalidGrant(501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'));
  }
  grant.redeemed = true;
  const user = context.directory.userById(grant.userObjectId);
  if (!user) {
    return failed(invalidGrant(70000, 'Provided grant is invalid or malformed.'));
  }
  const scopes = splitScopes(form.get('scope')).length > 0 ? splitScopes(form.get('scope')) : grant.scopes;
  return userTokens(user, grant.tenantId, client, scopes, grant.nonce, form, context);
}

function refreshTokenGrant(
  client: PublicClient,
  form: URLSearchParams,
  target: Exclude<AuthorityTarget, { kind: 'unknown' }>,
  context: EntraContext,
): TokenOutcome {
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) {
    return failed(missingParameter('refresh_token'));
  }
  const grant = context.grants.refreshToken(refreshToken);
  const user = grant ? context.directory.userById(grant.userObjectId) : undefined;
  if (!grant || !user) {
    return failed(invalidGrant(9002313, 'Invalid request. Request is malformed or invalid.'));
  }
  if (grant.clientId !== client.clientId) {
    return failed(invalidGrant(70000, 'Provided grant is invalid or malformed.'));
  }
  const tenantId = target.kind === 'tenant' ? target.tenant.id : user.homeTenantId;
  if (!user.tenantIds.includes(tenantId)) {
    const tenantName = context.directory.tenantById(tenantId)?.displayName ?? tenantId;
    return failed(invalidGrant(50020, `User account '${user.userPrincipalName}' from identity provider `
      + `'${context.issuerBase}/${user.homeTenantId}/' does not exist in tenant '${tenantName}' and cannot access the `
      + `application '${client.clientId}'(${client.displayName}) in that tenant. The account needs to be added as an `
      + 'external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.'));
  }
  return userTokens(user, tenantId, client, splitScopes(form.get('scope')), undefined, form, context);
}

/** The token response for a user: access token, plus id token / refresh token / client_info when asked for. */
function userTokens(
  user: DemoUser,
  tenantId: string,
  client: PublicClient,
  scopes: string[],
  nonce: string | undefined,
  form: URLSearchParams,
  context: EntraContext,
): TokenOutcome {
  const resource = requestedResource(scopes);
  if (isEntraError(resource)) {
    return failed(resource);
  }
  const tenant = context.directory.tenantById(tenantId);
  const unknownResource = tenant && resource.audience !== GRAPH_APP_ID
    ? checkKnownResource(resource.audience, tenant, context)
    : undefined;
  if (unknownResource) {
    return failed(unknownResource);
  }
  const issued = context.tokens.userAccessToken(user, tenantId, client.clientId, resource.audience);
  const body: Record<string, string | number> = {
    token_type: 'Bearer',
    scope: resource.grantedScopes.join(' '),
    expires_in: issued.expiresInSeconds,
    ext_expires_in: issued.expiresInSeconds,
    access_token: issued.accessToken,
  };
  const lowerScopes = scopes.map((scope) => scope.toLowerCase());
  if (lowerScopes.includes('offline_access')) {
    body.refresh_token = context.grants.issueRefreshToken({ clientId: client.clientId, userObjectId: user.objectId });
  }
  if (lowerScopes.includes('openid')) {
    body.id_token = context.tokens.idToken(user, tenantId, client.clientId, nonce);
  }
  if (form.get('client_info') === '1') {
    body.client_info = clientInfo(user);
  }
  return { ok: true, body };
}

/** The emulated cloud has one resource a token can be for: its Resource Manager endpoint. */
function checkKnownResource(audience: string, tenant: EntraTenant, context: EntraContext): EntraError | undefined {
  const armEndpoint = context.issuerBase.replace(/\/+$/, '');
  if (audience === armEndpoint || audience === `${armEndpoint}/`) {
    return undefined;
  }
  return { status: 400, error: 'invalid_resource', code: 500011,
    description: `The resource principal named ${audience} was not found in the tenant named ${tenant.displayName}. This can `
      + 'happen if the application has not been installed by the administrator of the tenant or consented to by any user in '
      + 'the tenant. You might have sent your authentication request to the wrong tenant.' };
}

/** RFC 7636: S256 compares BASE64URL(SHA256(verifier)); plain compares the verifier itself. */
function pkceVerifierMatches(verifier: string | null, challenge: string, method: 'S256' | 'plain'): boolean {
  if (!verifier) {
    return false;
  }
  const derived = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return derived === challenge;
}

/** Client id and secret from the form (client_secret_post) or an HTTP Basic header (client_secret_basic). */
function clientCredentialsOf(req: IncomingMessage, form: URLSearchParams): { clientId: string | null; clientSecret: string | undefined } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator > 0) {
      return {
        clientId: decodeURIComponent(decoded.slice(0, separator)),
        clientSecret: decodeURIComponent(decoded.slice(separator + 1)),
      };
    }
  }
  return { clientId: form.get('client_id'), clientSecret: form.get('client_secret') ?? undefined };
}

/** Compares secrets by their hashes so the comparison takes the same time whatever matches. */
function secretsEqual(presented: string, expected: string): boolean {
  const digest = (value: string): string => createHash('sha256').update(value).digest('hex');
  return digest(presented) === digest(expected);
}

function failed(failure: EntraError): TokenOutcome {
  return { ok: false, failure };
}

function invalidGrant(code: number, description: string): EntraError {
  return { status: 400, error: 'invalid_grant', code, description };
}

/** AADSTS900144: a required form parameter is absent. */
export function missingParameter(name: string): EntraError {
  return { status: 400, error: 'invalid_request', code: 900144,
    description: `The request body must contain the following parameter: '${name}'.` };
}

/** AADSTS90002: the authority names a tenant the emulated cloud does not have. */
export function unknownTenant(segment: string): EntraError {
  return { status: 400, error: 'invalid_tenant', code: 90002,
    description: `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the `
      + 'correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.' };
}

/** AADSTS700016: no application with that client id in the tenant. */
export function applicationNotFound(clientId: string, target: Exclude<AuthorityTarget, { kind: 'unknown' }>): EntraError {
  const directoryName = target.kind === 'tenant' ? target.tenant.displayName : target.segment;
  return { status: 400, error: 'unauthorized_client', code: 700016,
    description: `Application with identifier '${clientId}' was not found in the directory '${directoryName}'. This can happen `
      + 'if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. '
      + 'You may have sent your authentication request to the wrong tenant.' };
}

