/** The dual-protocol port: HTTPS and HTTP on one port, and a CONNECT proxy that never leaves the machine. */
import * as assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as http from 'node:http';
import * as net from 'node:net';
import { ensureCertificate } from '../../tls/certificate';
import { TEST_CERTIFICATE_DIR, startEntraTestServer, type EntraTestServer } from './entraTestServer';
import { connectThroughProxy } from './proxiedNetworkClient';

/** Sends one raw request line to the port and returns the status line of the answer. */
async function rawStatusLine(port: number, request: string): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  socket.write(request);
  let received = '';
  for await (const chunk of socket) {
    received += (chunk as Buffer).toString('latin1');
    if (received.includes('\r\n')) {
      break;
    }
  }
  socket.destroy();
  return received.split('\r\n')[0] ?? '';
}

describe('Emulator transport: dual-protocol listener and certificate', function () {
  let server: EntraTestServer;
  const dialled: string[] = [];
  const connectDescriptor = Object.getOwnPropertyDescriptor(net.Socket.prototype, 'connect');

  before(async function () {
    server = await startEntraTestServer();
    // Records every outbound connection attempt to a non-loopback address while these tests run.
    const originalConnect = connectDescriptor?.value as (this: net.Socket, ...args: unknown[]) => net.Socket;
    Object.defineProperty(net.Socket.prototype, 'connect', {
      ...connectDescriptor,
      value: function recordingConnect(this: net.Socket, ...args: unknown[]): net.Socket {
        const [first, second] = args;
        const optionsHost = typeof first === 'object' && first !== null && 'host' in first && typeof first.host === 'string' ? first.host : '';
        const target = optionsHost || (typeof second === 'string' ? second : '');
        if (target !== '' && target !== '127.0.0.1' && target !== 'localhost') {
          dialled.push(target);
        }
        return originalConnect.apply(this, args);
      },
    });
  });
  after(async function () {
    if (connectDescriptor) {
      Object.defineProperty(net.Socket.prototype, 'connect', connectDescriptor);
    }
    await server.close();
  });

  it('serves HTTPS and plain HTTP on the same port', async function () {
    const path = '/organizations/v2.0/.well-known/openid-configuration';
    const overTls = await fetchOverTls(`${server.origin}${path}`, server.certificate.certPem);
    assert.equal(overTls.status, 200);
    const plain = await rawStatusLine(server.listener.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    assert.equal(plain, 'HTTP/1.1 200 OK');
  });

  it('terminates CONNECT to login.microsoftonline.com and to itself locally, with a certificate valid for both', async function () {
    const entraHost = await connectThroughProxy(server.listener.port, new URL('https://login.microsoftonline.com/'), server.certificate.certPem);
    assert.ok(entraHost.authorized);
    entraHost.destroy();
    const itself = await connectThroughProxy(server.listener.port, new URL(server.origin), server.certificate.certPem);
    assert.ok(itself.authorized);
    itself.destroy();
    assert.deepEqual(dialled, []);
  });

  it('refuses CONNECT to any other host with 403 and never dials it', async function () {
    for (const authority of ['management.azure.com:443', 'login.microsoftonline.com:80', '10.0.0.1:443', `127.0.0.1:${server.listener.port + 1}`]) {
      const statusLine = await rawStatusLine(server.listener.port, `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
      assert.equal(statusLine, 'HTTP/1.1 403 Forbidden', authority);
    }
    await assert.rejects(
      connectThroughProxy(server.listener.port, new URL('https://management.azure.com/'), server.certificate.certPem), /403/);
    assert.deepEqual(dialled, []);
  });

  it('refuses absolute-form proxy requests for other hosts', async function () {
    const statusLine = await rawStatusLine(server.listener.port, 'GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n');
    assert.equal(statusLine, 'HTTP/1.1 403 Forbidden');
    const ownPath = `http://127.0.0.1:${server.listener.port}/organizations/v2.0/.well-known/openid-configuration`;
    assert.equal(await rawStatusLine(server.listener.port, `GET ${ownPath} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`), 'HTTP/1.1 200 OK');
    assert.deepEqual(dialled, []);
  });

  it('reuses the certificate it generated, which names every host and keeps its key private', async function () {
    const again = await ensureCertificate(TEST_CERTIFICATE_DIR);
    assert.equal(again.certPem, server.certificate.certPem);
    const names = new X509Certificate(again.certPem).subjectAltName ?? '';
    for (const name of ['IP Address:127.0.0.1', 'DNS:localhost', 'DNS:login.microsoftonline.com']) {
      assert.ok(names.includes(name), name);
    }
    const keyMode = (await stat(again.caFile.replace('emulator-cert.pem', 'emulator-key.pem'))).mode & 0o777;
    assert.equal(keyMode & 0o077, 0, `key file mode ${keyMode.toString(8)}`);
  });
});

async function fetchOverTls(url: string, ca: string): Promise<{ status: number }> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    https.get(url, { ca }, (response: http.IncomingMessage) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    }).on('error', reject);
  });
}
