import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import * as tls from 'node:tls';
import { fixturePath, startEmulator, type RunningEmulator } from '../emulator/server';
import { refusalsSoFar } from './loopbackGuard';
import { startTlsInspectingProxy, type TlsInspectingProxy } from './tlsInspectingProxy';
import { TlsInspectingProxyClient } from './tlsInspectingProxyClient';

const HOST = 'azure-emulator.localhost';

/** Opens a CONNECT tunnel through the proxy; resolves with the status and, when it is 200, the tunnel's socket. */
function connect(proxyUrl: string, authority: string): Promise<{ status: number; socket: net.Socket }> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    http
      .request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: authority })
      .on('connect', (response: http.IncomingMessage, socket: net.Socket) => {
        resolve({ status: response.statusCode ?? 0, socket });
      })
      .on('error', reject)
      .end();
  });
}

/** GET `path` over TLS inside an open tunnel, trusting only `ca`. */
function getInTunnel(tunnel: net.Socket, authority: string, path: string, ca: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(`https://${authority}`);
  return new Promise((resolve, reject) => {
    https
      .get({ host: hostname, port, path, createConnection: () => tls.connect({ socket: tunnel, servername: hostname, ca }) }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body });
        });
      })
      .on('error', reject);
  });
}

describe('The TLS-inspecting proxy the extension-host tests stand in for a corporate one with', () => {
  let emulator: RunningEmulator;
  let proxy: TlsInspectingProxy;
  let control: TlsInspectingProxyClient;
  let authority: string;

  before(async () => {
    emulator = await startEmulator({ seedFiles: [fixturePath('demo.json')], hostName: HOST });
    const endpoint = new URL(emulator.info.armEndpoint);
    authority = endpoint.host;
    proxy = await startTlsInspectingProxy({
      authorities: [authority],
      upstreamPort: Number(endpoint.port),
      upstreamCa: readFileSync(emulator.info.caFile, 'utf8'),
    });
    control = new TlsInspectingProxyClient(proxy.url);
  });

  after(async () => {
    await proxy.close();
    await emulator.stop();
  });

  it('terminates TLS with a certificate of its own CA and passes the request on to the emulator, which answers under its host name', async () => {
    const before = await control.counters();
    const tunnel = await connect(proxy.url, authority);
    assert.equal(tunnel.status, 200);
    const answer = await getInTunnel(tunnel.socket, authority, `/${emulator.info.tenantId}/v2.0/.well-known/openid-configuration`, proxy.caPem);
    assert.equal(answer.status, 200);
    const metadata = JSON.parse(answer.body) as { token_endpoint: string };
    assert.equal(metadata.token_endpoint, `https://${authority}/${emulator.info.tenantId}/oauth2/v2.0/token`);
    const after = await control.counters();
    assert.equal(after.tunnels - before.tunnels, 1);
    assert.equal(after.clientTlsHandshakes - before.clientTlsHandshakes, 1);
    assert.equal(after.connectAuthorities.at(-1), authority);
  });

  it('completes no handshake with a client that does not trust its CA (the emulator certificate alone is not enough)', async () => {
    const before = await control.counters();
    const tunnel = await connect(proxy.url, authority);
    await assert.rejects(
      getInTunnel(tunnel.socket, authority, '/', readFileSync(emulator.info.caFile, 'utf8')),
      /certificate/,
    );
    const after = await control.counters();
    assert.equal(after.tunnels - before.tunnels, 1);
    assert.equal(after.clientTlsHandshakes, before.clientTlsHandshakes);
  });

  it('refuses a CONNECT to any other authority with 403, without dialling it', async () => {
    const refusalsBefore = refusalsSoFar().length;
    const before = await control.counters();
    const tunnel = await connect(proxy.url, 'management.azure.com:443');
    tunnel.socket.destroy();
    assert.equal(tunnel.status, 403);
    const after = await control.counters();
    assert.equal(after.tunnels, before.tunnels);
    assert.equal(after.connectAuthorities.at(-1), 'management.azure.com:443');
    assert.equal(refusalsSoFar().length, refusalsBefore, 'the loopback guard saw no lookup or connection');
  });

  it('drops its open client connections on demand', async () => {
    const tunnel = await connect(proxy.url, authority);
    const closed = new Promise<void>((resolve) => tunnel.socket.once('close', () => { resolve(); }));
    assert.ok((await control.dropConnections()) >= 1);
    await closed;
  });
});
