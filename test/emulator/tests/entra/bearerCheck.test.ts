/** ARM's bearer check: the 401 codes and messages ARM gives for missing, malformed, forged, mistargeted and expired tokens. */
import { ClientSecretCredential } from '@azure/identity';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EntraEmulator } from '../../entra';
import { HOME_TENANT, SERVICE_PRINCIPAL, startEntraTestServer, type EntraTestServer } from './entraTestServer';

describe('Entra emulator: checkBearer', function () {
  let server: EntraTestServer;
  let getToken: () => Promise<string>;

  before(async function () {
    server = await startEntraTestServer();
    getToken = async () => {
      // A fresh credential each time: its cache would otherwise hand back the same token.
      const credential = new ClientSecretCredential(HOME_TENANT.id, SERVICE_PRINCIPAL.clientId, SERVICE_PRINCIPAL.clientSecret, {
        authorityHost: server.origin, disableInstanceDiscovery: true, tlsOptions: { ca: server.certificate.certPem },
      });
      return (await credential.getToken(`${server.origin}/.default`)).token;
    };
  });
  after(async function () {
    await server.close();
  });

  it('reports a missing or malformed Authorization header as AuthenticationFailed, with a WWW-Authenticate challenge', function () {
    const missing = server.entra.checkBearer(undefined);
    assert.ok(!missing.ok);
    assert.equal(missing.status, 401);
    assert.equal(missing.code, 'AuthenticationFailed');
    assert.equal(missing.message, "Authentication failed. The 'Authorization' header is missing.");
    assert.match(missing.wwwAuthenticate, /^Bearer authorization_uri="https:\/\/127\.0\.0\.1:\d+\/common", error="invalid_token"/);
    const basic = server.entra.checkBearer('Basic dXNlcjpwYXNz');
    assert.equal(!basic.ok && basic.message, "Authentication failed. The 'Authorization' header is provided in an invalid format.");
  });

  it('reports a token it did not sign as InvalidAuthenticationToken', async function () {
    const [header, payload] = (await getToken()).split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const check = server.entra.checkBearer(`Bearer ${forged}`);
    assert.equal(!check.ok && check.code, 'InvalidAuthenticationToken');
    assert.equal(!check.ok && check.message, 'The access token is invalid.');
    const garbage = server.entra.checkBearer('Bearer not-a-jwt');
    assert.equal(!garbage.ok && garbage.code, 'InvalidAuthenticationToken');
  });

  it('reports every token issued before expireAllTokens as ExpiredAuthenticationToken, and accepts new ones', async function () {
    const before = await getToken();
    assert.ok(server.entra.checkBearer(`Bearer ${before}`).ok);
    server.entra.expireAllTokens();
    const expired = server.entra.checkBearer(`Bearer ${before}`);
    assert.equal(!expired.ok && expired.code, 'ExpiredAuthenticationToken');
    assert.match(!expired.ok ? expired.message : '',
      /^The access token expiry UTC time '\d+\/\d+\/\d{4} \d+:\d\d:\d\d [AP]M' is earlier than current UTC time '.+'\.$/);
    assert.ok(server.entra.checkBearer(`Bearer ${await getToken()}`).ok);
  });

  it('reports a token past its exp as ExpiredAuthenticationToken', async function () {
    const token = await getToken();
    server.advanceClock(3600 * 1000);
    try {
      const check = server.entra.checkBearer(`Bearer ${token}`);
      assert.equal(!check.ok && check.code, 'ExpiredAuthenticationToken');
    } finally {
      server.advanceClock(-3600 * 1000);
    }
    assert.ok(server.entra.checkBearer(`Bearer ${token}`).ok);
  });

  it('reports a token for another audience as InvalidAuthenticationTokenAudience', async function () {
    let issuerBase = '';
    const entra = new EntraEmulator({ tenants: [HOME_TENANT], servicePrincipals: [SERVICE_PRINCIPAL], users: [], issuerBase: () => issuerBase });
    const plain = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        entra.handle(req, res, new URL(req.url ?? '/', issuerBase), Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      issuerBase = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
      const response = await fetch(`${issuerBase}/${HOME_TENANT.id}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: SERVICE_PRINCIPAL.clientId,
          client_secret: SERVICE_PRINCIPAL.clientSecret, scope: `${issuerBase}//.default` }),
      });
      const { access_token: accessToken } = await response.json() as { access_token: string };
      assert.ok(entra.checkBearer(`Bearer ${accessToken}`).ok, 'an endpoint with a trailing slash is the same audience');
      const armEndpointBefore = issuerBase;
      issuerBase = 'https://127.0.0.1:1';
      const check = entra.checkBearer(`Bearer ${accessToken}`);
      assert.equal(!check.ok && check.code, 'InvalidAuthenticationTokenAudience');
      assert.match(!check.ok ? check.message : '', new RegExp(`wrong audience or resource '${armEndpointBefore}/'`));
    } finally {
      await new Promise((resolve) => plain.close(resolve));
    }
  });
});
