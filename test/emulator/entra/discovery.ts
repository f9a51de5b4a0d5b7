/** Entra's discovery documents: OpenID configuration, instance discovery and the signing keys. */

/** `GET /{tenant}/v2.0/.well-known/openid-configuration`, as Entra shapes it for that authority. */
export function openIdConfiguration(issuerBase: string, authoritySegment: string, tenantId: string | undefined): object {
  const authority = `${issuerBase}/${authoritySegment}`;
  const cloudInstanceHost = new URL(issuerBase).host;
  return {
    token_endpoint: `${authority}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${authority}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    // For common/organizations Entra publishes the issuer as a template with a literal "{tenantid}".
    issuer: `${issuerBase}/${tenantId ?? '{tenantid}'}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'aud', 'exp', 'iat',
      'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${authority}/kerberos`,
    tenant_region_scope: null,
    cloud_instance_name: cloudInstanceHost,
  };
}

/** The outcome of `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=...`. */
export type InstanceDiscoveryResult = { ok: true; body: object } | { ok: false; description: string };

/**
 * Answers msal's instance discovery. The emulated cloud knows one instance, the emulator itself:
 * an authorization endpoint on its host gets metadata whose aliases name that host; any other host
 * is an unknown instance (AADSTS50049), as Entra answers for a host it does not serve.
 */
export function instanceDiscovery(issuerBase: string, authorizationEndpoint: string | null): InstanceDiscoveryResult {
  const ownHost = new URL(issuerBase).host;
  let endpoint: URL;
  try {
    endpoint = new URL(authorizationEndpoint ?? '');
  } catch {
    return { ok: false, description: 'Unknown or invalid instance.' };
  }
  const tenantSegment = endpoint.pathname.split('/')[1] ?? '';
  if (endpoint.protocol !== 'https:' || endpoint.host !== ownHost || tenantSegment === '') {
    return { ok: false, description: 'Unknown or invalid instance.' };
  }
  return {
    ok: true,
    body: {
      tenant_discovery_endpoint: `${issuerBase}/${tenantSegment}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: ownHost, preferred_cache: ownHost, aliases: [ownHost] }],
    },
  };
}
