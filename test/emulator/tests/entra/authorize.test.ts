/** /authorize as the browser reaches it, and instance discovery: the errors Entra shows or redirects with. */
import * as assert from 'node:assert/strict';
import { VSCODE_PUBLIC_CLIENT } from '../../entra';
import { plainGet, startEntraTestServer, type EntraTestServer, type PlainResponse } from './entraTestServer';

describe('Entra emulator: /authorize and instance discovery errors', function () {
  let server: EntraTestServer;
  let query: URLSearchParams;

  before(async function () {
    server = await startEntraTestServer();
  });
  after(async function () {
    await server.close();
  });
  beforeEach(function () {
    query = new URLSearchParams({
      client_id: VSCODE_PUBLIC_CLIENT.clientId,
      scope: `${server.origin}/.default openid profile offline_access`,
      redirect_uri: 'http://localhost:5555/',
      response_type: 'code',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 'opaque-state',
    });
  });
  const authorize = (tenant = 'organizations'): Promise<PlainResponse> =>
    plainGet(server.listener.port, `/${tenant}/oauth2/v2.0/authorize?${query.toString()}`);

  it('redirects to a loopback redirect URI with code, state and session_state (response_mode=query)', async function () {
    const response = await authorize();
    assert.equal(response.status, 302);
    const location = new URL(response.location);
    assert.equal(`${location.origin}${location.pathname}`, 'http://localhost:5555/');
    assert.ok(location.searchParams.get('code'));
    assert.equal(location.searchParams.get('state'), 'opaque-state');
    assert.ok(location.searchParams.get('session_state'));
  });

  it('acting as vscode.dev/redirect, decodes a callback whose "?" arrives percent-encoded in state (as code-server sends it)', async function () {
    query.set('redirect_uri', 'https://vscode.dev/redirect');
    query.set('response_mode', 'form_post');
    query.set('state', 'http://127.0.0.1:8080/stable-0123abcd/callback%3Fvscode-reqid%3D1');
    const forwarded = `${query.toString()}&vscode-scheme=code-oss&vscode-authority=vscode.microsoft-authentication`;
    const response = await plainGet(server.listener.port, `/proxy/${String(server.listener.port)}/organizations/oauth2/v2.0/authorize?${forwarded}`);
    assert.equal(response.status, 302);
    const callback = new URL(response.location);
    assert.equal(callback.pathname, '/stable-0123abcd/callback');
    assert.equal(callback.searchParams.get('vscode-reqid'), '1');
    assert.equal(callback.searchParams.get('vscode-scheme'), 'code-oss');
    assert.equal(callback.searchParams.get('vscode-authority'), 'vscode.microsoft-authentication');
    assert.ok(callback.searchParams.get('code'));
  });

  it('posts the code back with an auto-submitting form for response_mode=form_post', async function () {
    query.set('response_mode', 'form_post');
    const response = await authorize();
    assert.equal(response.status, 200);
    assert.match(response.body, /<form method="POST" action="http:\/\/localhost:5555\/">/);
    assert.match(response.body, /name="code" value="[^"]+"/);
    assert.match(response.body, /name="state" value="opaque-state"/);
  });

  it('shows an error page for an unknown client (AADSTS700016) and an unregistered redirect URI (AADSTS50011)', async function () {
    query.set('client_id', '00000000-0000-4000-8000-0000000000ee');
    const unknownClient = await authorize();
    assert.equal(unknownClient.status, 400);
    assert.match(unknownClient.body, /AADSTS700016/);
    query.set('client_id', VSCODE_PUBLIC_CLIENT.clientId);
    query.set('redirect_uri', 'https://attacker.example/callback');
    const wrongRedirect = await authorize();
    assert.equal(wrongRedirect.status, 400);
    assert.match(wrongRedirect.body, /AADSTS50011/);
    assert.equal(wrongRedirect.location, '');
  });

  it('shows an error page for an unknown tenant (AADSTS90002)', async function () {
    const response = await authorize('nowhere.onmicrosoft.com');
    assert.equal(response.status, 400);
    assert.match(response.body, /AADSTS90002/);
  });

  it('redirects with invalid_request when PKCE is missing, through vscode.dev/redirect to the VS Code callback', async function () {
    query.delete('code_challenge');
    query.delete('code_challenge_method');
    query.set('redirect_uri', 'https://vscode.dev/redirect');
    query.set('state', 'http://127.0.0.1:8080/stable-1/callback?vscode-reqid=3');
    const response = await authorize();
    assert.equal(response.status, 302);
    const callback = new URL(response.location);
    assert.equal(callback.pathname, '/stable-1/callback');
    assert.equal(callback.searchParams.get('vscode-reqid'), '3');
    assert.equal(callback.searchParams.get('error'), 'invalid_request');
    assert.match(callback.searchParams.get('error_description') ?? '', /^AADSTS9002325: /);
    assert.equal(callback.searchParams.get('code'), null);
  });

  it('sends the browser through vscode.dev/redirect only to a loopback callback', async function () {
    query.set('redirect_uri', 'https://vscode.dev/redirect');
    query.set('state', 'https://example.com/callback');
    const response = await authorize();
    assert.equal(response.status, 400);
    assert.equal(response.location, '');
  });

  it('answers instance discovery for its own host on its own port too, and invalid_instance for another host', async function () {
    const own = await plainGet(server.listener.port,
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`${server.origin}/organizations/oauth2/v2.0/authorize`)}`);
    assert.equal(own.status, 200);
    const host = new URL(server.origin).host;
    assert.deepEqual(JSON.parse(own.body), {
      tenant_discovery_endpoint: `${server.origin}/organizations/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
    const foreign = await plainGet(server.listener.port,
      '/common/discovery/instance?api-version=1.1&authorization_endpoint=https%3A%2F%2Fidp.example%2Fcommon%2Foauth2%2Fv2.0%2Fauthorize');
    assert.equal(foreign.status, 400);
    assert.equal((JSON.parse(foreign.body) as { error: string }).error, 'invalid_instance');
  });

  it('publishes the signing key at jwks_uri', async function () {
    const configuration = JSON.parse((await plainGet(server.listener.port, '/organizations/v2.0/.well-known/openid-configuration')).body) as { jwks_uri: string };
    const keys = await plainGet(server.listener.port, new URL(configuration.jwks_uri).pathname);
    const { keys: [key] } = JSON.parse(keys.body) as { keys: { kty: string; use: string; kid: string; n: string }[] };
    assert.ok(key);
    assert.equal(key.kty, 'RSA');
    assert.equal(key.use, 'sig');
    assert.ok(key.n.length > 300);
  });
});
