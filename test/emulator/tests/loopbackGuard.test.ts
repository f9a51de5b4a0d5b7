import assert from 'node:assert/strict';
import dns from 'node:dns';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { acknowledgeRefusals, isLoopbackHost, refusalsSoFar } from '../../support/loopbackGuard';

const probeHost = 'management.azure.com';
const probeAddress = '192.0.2.10'; // TEST-NET-1: never routable

describe('A guard proves no test resolved or reached any host but loopback', () => {
  afterEach(() => {
    acknowledgeRefusals((refusal) => refusal.target.includes(probeHost) || refusal.target === probeAddress);
  });

  it('is loaded as a preload for every test run', () => {
    const config = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', '..', '.mocharc.node.json'), 'utf8')) as { require?: string[] };
    assert.ok(config.require?.includes('out/test/support/loopbackGuard.js'));
    assert.equal(net.Socket.prototype.connect.name, 'guardedConnect');
  });

  it('refuses a DNS lookup of a real host name and counts it', async () => {
    const before = refusalsSoFar().length;
    await assert.rejects(dns.promises.lookup(probeHost), /loopbackGuard: refused dns/);
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      dns.lookup(probeHost, (lookupError) => {
        resolve(lookupError);
      });
    });
    assert.match(String(error?.message), /refused dns/);
    assert.equal(refusalsSoFar().length, before + 2);
  });

  it('refuses a TCP connection to a non-loopback address', async () => {
    const error = await new Promise<Error>((resolve) => {
      const socket = net.connect({ host: probeAddress, port: 443 });
      socket.on('error', resolve);
    });
    assert.match(error.message, /refused connect to "192\.0\.2\.10"/);
    assert.ok(refusalsSoFar().some((refusal) => refusal.kind === 'connect' && refusal.target === probeAddress));
  });

  it('refuses an HTTP request to a real Azure host', async () => {
    const error = await new Promise<Error>((resolve) => {
      http.get(`http://${probeHost}/`).on('error', resolve);
    });
    assert.match(error.message, /loopbackGuard/);
  });

  it('lets loopback traffic through', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const body = await fetch(`http://localhost:${port}/`).then((response) => response.text());
      assert.equal(body, 'ok');
    } finally {
      server.close();
    }
    assert.ok(isLoopbackHost('127.0.0.1') && isLoopbackHost('::1') && isLoopbackHost('localhost'));
    assert.ok(!isLoopbackHost('10.0.0.1') && !isLoopbackHost('login.microsoftonline.com'));
  });
});
