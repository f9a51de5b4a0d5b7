/**
 * VS Code's interactive sign-in as msal-node performs it: instance discovery through the CONNECT
 * proxy, /authorize forwarded by code-server's port proxy as plain HTTP, the code redeemed with PKCE,
 * then tokens for a second tenant from the refresh token.
 */
import { CryptoProvider, PublicClientApplication, type AuthenticationResult } from '@azure/msal-node';
import * as assert from 'node:assert/strict';
import { VSCODE_PUBLIC_CLIENT } from '../../entra';
import { DEMO_USER, HOME_TENANT, OTHER_TENANT, plainGet, SECOND_TENANT, startEntraTestServer, type EntraTestServer } from './entraTestServer';
import { proxiedNetworkClient } from './proxiedNetworkClient';

const VSCODE_REDIRECT = 'https://vscode.dev/redirect';
/** code-server's callback URL, as VS Code puts it in `state`. */
const CALLBACK = 'http://127.0.0.1:8080/stable-0123abcd/callback?vscode-reqid=7&vscode-scheme=code-oss&vscode-authority=vscode.microsoft-authentication';

/**
 * The authorize URL as code-server's port proxy delivers it: under `/proxy/<port>/`, `state` not
 * encoded (so its vscode-* parameters stand alone) and `https://` collapsed to `https:/`.
 */
function asForwardedByCodeServer(authorizeUrl: string, port: number): string {
  const url = new URL(authorizeUrl);
  const state = url.searchParams.get('state') ?? '';
  url.searchParams.delete('state');
  const query = url.search.replace(encodeURIComponent(VSCODE_REDIRECT), 'https:/vscode.dev/redirect');
  return `/proxy/${port}${url.pathname}${query}&state=${state}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('Entra emulator: VS Code interactive sign-in through msal-node', function () {
  let server: EntraTestServer;
  let app: PublicClientApplication;
  let scopes: string[];

  before(async function () {
    server = await startEntraTestServer();
    scopes = [`${server.origin}/.default`];
  });
  after(async function () {
    await server.close();
  });
  beforeEach(function () {
    app = new PublicClientApplication({
      auth: { clientId: VSCODE_PUBLIC_CLIENT.clientId, authority: `${server.origin}/organizations` },
      system: { networkClient: proxiedNetworkClient(server.listener.port, server.certificate.certPem) },
    });
  });

  /** Runs /authorize like the browser would and returns the callback URL the emulator redirected to. */
  async function authorize(codeChallenge: string): Promise<URL> {
    const authorizeUrl = await app.getAuthCodeUrl({
      scopes, redirectUri: VSCODE_REDIRECT, codeChallenge, codeChallengeMethod: 'S256', state: CALLBACK, prompt: 'select_account',
    });
    const response = await plainGet(server.listener.port, asForwardedByCodeServer(authorizeUrl, server.listener.port));
    assert.equal(response.status, 302, response.body);
    return new URL(response.location);
  }

  async function signIn(): Promise<{ result: AuthenticationResult; callback: URL }> {
    const pkce = await new CryptoProvider().generatePkceCodes();
    const callback = await authorize(pkce.challenge);
    const code = callback.searchParams.get('code') ?? '';
    const result = await app.acquireTokenByCode({
      code, scopes, redirectUri: VSCODE_REDIRECT, codeVerifier: pkce.verifier, clientInfo: callback.searchParams.get('client_info') ?? '',
    });
    return { result, callback };
  }

  it('asks instance discovery of login.microsoftonline.com through CONNECT, then redirects to the VS Code callback', async function () {
    const { callback } = await signIn();
    assert.equal(`${callback.origin}${callback.pathname}`, 'http://127.0.0.1:8080/stable-0123abcd/callback');
    assert.equal(callback.searchParams.get('vscode-reqid'), '7');
    assert.equal(callback.searchParams.get('vscode-scheme'), 'code-oss');
    assert.equal(callback.searchParams.get('vscode-authority'), 'vscode.microsoft-authentication');
    assert.ok(callback.searchParams.get('session_state'));
    const clientInfo = JSON.parse(Buffer.from(callback.searchParams.get('client_info') ?? '', 'base64url').toString('utf8')) as unknown;
    assert.deepEqual(clientInfo, { uid: DEMO_USER.objectId, utid: HOME_TENANT.id });
    assert.ok(server.requests.includes('GET login.microsoftonline.com /common/discovery/instance'), server.requests.join('\n'));
    assert.ok(server.requests.includes(`GET 127.0.0.1:${server.listener.port} /proxy/${server.listener.port}/organizations/oauth2/v2.0/authorize`));
  });

  it('redeems the code with PKCE: id token claims VS Code reads and an ARM token the bearer check accepts', async function () {
    const { result } = await signIn();
    assert.equal(result.account?.username, DEMO_USER.userPrincipalName);
    assert.equal(result.tenantId, HOME_TENANT.id);
    const idClaims = claimsOf(result.idToken);
    const nowSeconds = Date.now() / 1000;
    assert.equal(idClaims.aud, VSCODE_PUBLIC_CLIENT.clientId);
    assert.equal(idClaims.iss, `${server.origin}/${HOME_TENANT.id}/v2.0`);
    assert.equal(idClaims.tid, HOME_TENANT.id);
    assert.equal(idClaims.oid, DEMO_USER.objectId);
    assert.equal(idClaims.name, DEMO_USER.displayName);
    assert.equal(idClaims.preferred_username, DEMO_USER.userPrincipalName);
    assert.equal(idClaims.ver, '2.0');
    assert.equal(typeof idClaims.sub, 'string');
    assert.ok(typeof idClaims.iat === 'number' && typeof idClaims.nbf === 'number' && idClaims.nbf <= nowSeconds + 1);
    assert.ok(typeof idClaims.exp === 'number' && idClaims.exp > nowSeconds + 300, 'exp must be more than 5 minutes ahead');
    const accessClaims = claimsOf(result.accessToken);
    assert.equal(accessClaims.scp, 'user_impersonation');
    assert.equal(accessClaims.aud, server.origin);
    assert.deepEqual(result.scopes.sort(), [`${server.origin}/.default`, `${server.origin}/user_impersonation`]);
    const check = server.entra.checkBearer(`Bearer ${result.accessToken}`);
    assert.deepEqual(check, { ok: true, tenantId: HOME_TENANT.id, objectId: DEMO_USER.objectId, expiresOn: accessClaims.exp });
  });

  it('gets a token for a second tenant of the user silently from the refresh token', async function () {
    const { result } = await signIn();
    assert.ok(result.account);
    // msal picks the cached tenant from account.tenantId before the authority, so both name the second tenant.
    const secondTenantAccount = { ...result.account, tenantId: SECOND_TENANT.id };
    const second = await app.acquireTokenSilent({ account: secondTenantAccount, scopes, authority: `${server.origin}/${SECOND_TENANT.id}` });
    assert.equal(second.tenantId, SECOND_TENANT.id);
    assert.equal(claimsOf(second.accessToken).tid, SECOND_TENANT.id);
    assert.equal(claimsOf(second.idToken).tid, SECOND_TENANT.id);
    assert.ok(server.requests.includes(`POST 127.0.0.1:${server.listener.port} /${SECOND_TENANT.id}/oauth2/v2.0/token`));
    const check = server.entra.checkBearer(`Bearer ${second.accessToken}`);
    assert.equal(check.ok && check.tenantId, SECOND_TENANT.id);
  });

  it('refuses a refresh for a tenant the user is not a member of (AADSTS50020 invalid_grant)', async function () {
    const { result } = await signIn();
    assert.ok(result.account);
    await assert.rejects(
      app.acquireTokenSilent({ account: { ...result.account, tenantId: OTHER_TENANT.id }, scopes, authority: `${server.origin}/${OTHER_TENANT.id}` }),
      (error: Error & { errorCode?: string }) => {
        assert.equal(error.errorCode, 'invalid_grant');
        assert.match(error.message, /AADSTS50020/);
        return true;
      },
    );
  });

  it('rotates refresh tokens: acquireTokenByRefreshToken returns a new one that works too', async function () {
    await signIn();
    const refreshTokenOf = (): string => {
      const cache = JSON.parse(app.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
      const [entry] = Object.values(cache.RefreshToken);
      assert.ok(entry);
      return entry.secret;
    };
    const first = refreshTokenOf();
    const refreshed = await app.acquireTokenByRefreshToken({ refreshToken: first, scopes, authority: `${server.origin}/${SECOND_TENANT.id}` });
    assert.equal(refreshed?.tenantId, SECOND_TENANT.id);
    const second = refreshTokenOf();
    assert.notEqual(second, first);
    const again = await app.acquireTokenByRefreshToken({ refreshToken: second, scopes, authority: `${server.origin}/${HOME_TENANT.id}` });
    assert.equal(again?.tenantId, HOME_TENANT.id);
  });

  it('rejects a code_verifier that does not match the challenge (AADSTS501481), and keeps the code unredeemed', async function () {
    const pkce = await new CryptoProvider().generatePkceCodes();
    const other = await new CryptoProvider().generatePkceCodes();
    const callback = await authorize(pkce.challenge);
    const request = { code: callback.searchParams.get('code') ?? '', scopes, redirectUri: VSCODE_REDIRECT };
    await assert.rejects(app.acquireTokenByCode({ ...request, codeVerifier: other.verifier }), (error: Error & { errorCode?: string }) => {
      assert.equal(error.errorCode, 'invalid_grant');
      assert.match(error.message, /AADSTS501481/);
      return true;
    });
    const result = await app.acquireTokenByCode({ ...request, codeVerifier: pkce.verifier });
    assert.equal(result.tenantId, HOME_TENANT.id);
  });

  it('redeems a code only once (AADSTS54005) and not after ten minutes (AADSTS70008)', async function () {
    const pkce = await new CryptoProvider().generatePkceCodes();
    const callback = await authorize(pkce.challenge);
    const request = { code: callback.searchParams.get('code') ?? '', scopes, redirectUri: VSCODE_REDIRECT, codeVerifier: pkce.verifier };
    await app.acquireTokenByCode(request);
    await assert.rejects(app.acquireTokenByCode(request), /AADSTS54005/);

    const late = await authorize(pkce.challenge);
    server.advanceClock(11 * 60 * 1000);
    try {
      await assert.rejects(app.acquireTokenByCode({ ...request, code: late.searchParams.get('code') ?? '' }), /AADSTS70008/);
    } finally {
      server.advanceClock(-11 * 60 * 1000);
    }
  });

  it('rejects a redirect_uri at the token endpoint other than the one the code was issued for (AADSTS500112)', async function () {
    const pkce = await new CryptoProvider().generatePkceCodes();
    const callback = await authorize(pkce.challenge);
    await assert.rejects(app.acquireTokenByCode({
      code: callback.searchParams.get('code') ?? '', scopes, redirectUri: 'http://localhost:3000', codeVerifier: pkce.verifier,
    }), /AADSTS500112/);
  });
});
