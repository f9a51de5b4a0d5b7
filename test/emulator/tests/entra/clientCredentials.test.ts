/** ClientSecretCredential against the Entra emulator, and ARM's bearer check of the tokens it gets. */
import { AuthenticationRequiredError, ClientSecretCredential } from '@azure/identity';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { HOME_TENANT, OTHER_TENANT, SERVICE_PRINCIPAL, startEntraTestServer, type EntraTestServer } from './entraTestServer';

describe('Entra emulator: client credentials through ClientSecretCredential', function () {
  let server: EntraTestServer;
  let armScope: string;

  before(async function () {
    server = await startEntraTestServer();
    armScope = `${server.origin}/.default`;
  });
  after(async function () {
    await server.close();
  });

  function credential(tenant: string, clientId: string, secret: string): ClientSecretCredential {
    return new ClientSecretCredential(tenant, clientId, secret, {
      authorityHost: server.origin, disableInstanceDiscovery: true, tlsOptions: { ca: server.certificate.certPem },
    });
  }

  it('issues an app token for the ARM endpoint that the bearer check accepts', async function () {
    const token = await credential(HOME_TENANT.id, SERVICE_PRINCIPAL.clientId, SERVICE_PRINCIPAL.clientSecret).getToken(armScope);
    const claims = JSON.parse(Buffer.from(token.token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    assert.equal(claims.tid, HOME_TENANT.id);
    assert.equal(claims.appid, SERVICE_PRINCIPAL.clientId);
    assert.equal(claims.idtyp, 'app');
    assert.equal(claims.aud, server.origin);
    const check = server.entra.checkBearer(`Bearer ${token.token}`);
    assert.ok(check.ok);
    assert.equal(check.tenantId, HOME_TENANT.id);
    // msal computes expiry from its own clock and expires_in (whole seconds), so the two can straddle a second.
    assert.ok(Math.abs(check.expiresOn * 1000 - token.expiresOnTimestamp) <= 2000, 'the token expires when the JWT says');
    assert.deepEqual(server.requests.slice(-2), [
      `GET 127.0.0.1:${server.listener.port} /${HOME_TENANT.id}/v2.0/.well-known/openid-configuration`,
      `POST 127.0.0.1:${server.listener.port} /${HOME_TENANT.id}/oauth2/v2.0/token`,
    ]);
  });

  it('accepts the tenant domain in place of its id', async function () {
    const token = await credential(HOME_TENANT.defaultDomain, SERVICE_PRINCIPAL.clientId, SERVICE_PRINCIPAL.clientSecret).getToken(armScope);
    const check = server.entra.checkBearer(`Bearer ${token.token}`);
    assert.equal(check.ok && check.tenantId, HOME_TENANT.id);
  });

  it('answers a wrong secret with 401 invalid_client (AADSTS7000215), surfaced as AuthenticationRequiredError', async function () {
    const wrongSecret = credential(HOME_TENANT.id, SERVICE_PRINCIPAL.clientId, 'not-the-secret');
    await assert.rejects(wrongSecret.getToken(armScope), (error: Error) => {
      assert.ok(error instanceof AuthenticationRequiredError, error.name);
      assert.match(error.message, /invalid_client/);
      assert.match(error.message, /AADSTS7000215/);
      assert.doesNotMatch(error.message, /not-the-secret/);
      return true;
    });
  });

  it('answers an unknown client id with unauthorized_client (AADSTS700016)', async function () {
    const unknown = credential(HOME_TENANT.id, '00000000-0000-4000-8000-0000000000ff', SERVICE_PRINCIPAL.clientSecret);
    await assert.rejects(unknown.getToken(armScope), /unauthorized_client[\s\S]*AADSTS700016/);
  });

  it('does not find the app in another tenant of the cloud (AADSTS700016)', async function () {
    const wrongTenant = credential(OTHER_TENANT.id, SERVICE_PRINCIPAL.clientId, SERVICE_PRINCIPAL.clientSecret);
    await assert.rejects(wrongTenant.getToken(armScope), /AADSTS700016[\s\S]*Woodgrove/);
  });

  it('fails for a tenant the cloud does not have: discovery answers invalid_tenant (AADSTS90002)', async function () {
    const missingTenant = '11111111-2222-4333-8444-555555555555';
    await assert.rejects(credential(missingTenant, SERVICE_PRINCIPAL.clientId, SERVICE_PRINCIPAL.clientSecret).getToken(armScope));
    const response = await fetchJson(`/${missingTenant}/v2.0/.well-known/openid-configuration`);
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'invalid_tenant');
    assert.deepEqual(response.body.error_codes, [90002]);
  });

  it('refuses a resource the cloud does not have (AADSTS500011 invalid_resource)', async function () {
    const token = credential(HOME_TENANT.id, SERVICE_PRINCIPAL.clientId, SERVICE_PRINCIPAL.clientSecret);
    await assert.rejects(token.getToken('https://storage.emulator.invalid/.default'), /invalid_resource[\s\S]*AADSTS500011/);
  });

  it('is trusted through NODE_EXTRA_CA_CERTS in a child process, without tlsOptions', async function () {
    const script = `
      const { ClientSecretCredential } = require('@azure/identity');
      new ClientSecretCredential(process.argv[1], process.argv[2], process.env.EMULATOR_TEST_SECRET,
        { authorityHost: process.argv[3], disableInstanceDiscovery: true })
        .getToken(process.argv[3] + '/.default')
        .then((token) => process.stdout.write(token.token), (error) => { process.stderr.write(String(error)); process.exit(1); });`;
    const token = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['-e', script, HOME_TENANT.id, SERVICE_PRINCIPAL.clientId, server.origin], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: server.certificate.caFile, EMULATOR_TEST_SECRET: SERVICE_PRINCIPAL.clientSecret },
        cwd: process.cwd(),
      }, (error, stdout, stderr) => {
        if (error) {
          reject(new Error(stderr));
        } else {
          resolve(stdout);
        }
      });
    });
    assert.ok(server.entra.checkBearer(`Bearer ${token}`).ok);
  });

  async function fetchJson(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const { request } = await import('node:https');
    return new Promise((resolve, reject) => {
      request(`${server.origin}${path}`, { ca: server.certificate.certPem }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => { text += chunk; });
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> });
        });
      }).on('error', reject).end();
    });
  }
});
