/**
 * A stand-in for a corporate TLS-inspecting forward proxy, for tests: not part of Azure nor of the emulator. It listens
 * on 127.0.0.1 only and answers `CONNECT` for the authorities it is given (the emulator's); it terminates the client's
 * TLS with a certificate of its own CA and re-originates each tunnel to one upstream on 127.0.0.1 (the emulator) over
 * TLS that trusts only the upstream's certificate, piping the decrypted bytes both ways. Any other `CONNECT` is
 * refused with 403, and nothing is ever dialled but the upstream. The CA and its leaf certificate are made with
 * openssl in a fresh temporary folder each time it starts, so only a client given this run's CA gets through.
 *
 * Plain-HTTP requests in origin form (`GET /counters`) are its control API (see tlsInspectingProxyClient.ts); in
 * absolute form (forwarding plain HTTP) they are refused.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import * as http from 'node:http';
import type * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { promisify } from 'node:util';
import { replayingStream } from './replayingStream';
import type { ProxyCounters } from './tlsInspectingProxyClient';

const runFile = promisify(execFile);
const OPENSSL = '/usr/bin/openssl';
const LOOPBACK = '127.0.0.1';

export interface TlsInspectingProxyOptions {
  /** The `host:port` authorities a CONNECT may name, each tunnelled to the upstream; the leaf certificate names their hosts. */
  readonly authorities: readonly string[];
  /** The TLS port on 127.0.0.1 every tunnel is re-originated to. */
  readonly upstreamPort: number;
  /** The only certificate (PEM) trusted on the upstream connection. */
  readonly upstreamCa: string;
}

export interface TlsInspectingProxy {
  /** `http://127.0.0.1:<port>`: the proxy (`http.proxy`), and the base URL of its control API. */
  readonly url: string;
  /** The CA (PEM) that signs the certificate clients are shown: a client must trust it to get through. */
  readonly caPem: string;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

interface ProxyCertificates {
  readonly caPem: string;
  readonly leafPem: string;
  readonly leafKeyPem: string;
}

export async function startTlsInspectingProxy(options: TlsInspectingProxyOptions): Promise<TlsInspectingProxy> {
  const allowed = new Set(options.authorities.map((authority) => authority.toLowerCase()));
  const certificates = await makeCertificates([...allowed].map((authority) => hostOf(authority)));
  const secureContext = tls.createSecureContext({ cert: certificates.leafPem, key: certificates.leafKeyPem });
  const counters = { tunnels: 0, clientTlsHandshakes: 0, connectAuthorities: [] as string[] };
  const connections = new Set<net.Socket>();
  const tunnels = new Set<net.Socket>();

  const dropTunnels = (): number => {
    const dropped = tunnels.size;
    for (const socket of tunnels) {
      socket.destroy();
    }
    return dropped;
  };

  const server = http.createServer((req, res) => {
    serveControl(req, res, { counters: () => ({ ...counters, connectAuthorities: [...counters.connectAuthorities] }), dropTunnels });
  });
  server.on('connection', (socket: net.Socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const authority = (req.url ?? '').toLowerCase();
    counters.connectAuthorities.push(authority);
    socket.on('error', () => socket.destroy());
    if (!allowed.has(authority)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n'
        + `This proxy tunnels only to ${[...allowed].join(', ')}, never to ${authority}.\r\n`);
      return;
    }
    counters.tunnels += 1;
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const client = new tls.TLSSocket(replayingStream(socket, head), { isServer: true, secureContext });
    client.on('error', () => socket.destroy());
    client.on('close', () => socket.destroy());
    client.once('secure', () => {
      counters.clientTlsHandshakes += 1;
      const upstream = tls.connect({ host: LOOPBACK, port: options.upstreamPort, ca: options.upstreamCa });
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://${LOOPBACK}:${port}`,
    caPem: certificates.caPem,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        for (const socket of connections) {
          socket.destroy();
        }
      }),
  };
}

/** The control API: `GET /counters`, `POST /connections/drop`; a forward request for plain HTTP is refused. */
function serveControl(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  control: { counters: () => ProxyCounters; dropTunnels: () => number },
): void {
  const target = req.url ?? '/';
  const answer = (status: number, body: unknown): void => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  if (!target.startsWith('/')) {
    answer(403, { error: `This proxy does not forward plain HTTP (${target}).` });
  } else if (req.method === 'GET' && target === '/counters') {
    answer(200, control.counters());
  } else if (req.method === 'POST' && target === '/connections/drop') {
    answer(200, { dropped: control.dropTunnels() });
  } else {
    answer(404, { error: `No ${req.method ?? ''} ${target} here.` });
  }
}

function hostOf(authority: string): string {
  return new URL(`https://${authority}`).hostname;
}

/** A new CA and a leaf certificate it signs for `hosts` (DNS names or IPv4 addresses), made in a folder removed afterwards. */
async function makeCertificates(hosts: readonly string[]): Promise<ProxyCertificates> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'asr-test-proxy-'));
  const file = (name: string): string => path.join(dir, name);
  const names = hosts.map((host) => (/^\d+\.\d+\.\d+\.\d+$/.test(host) ? `IP:${host}` : `DNS:${host}`));
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-sha256', '-days', '1'];
  try {
    await runFile(OPENSSL, [
      'req', '-x509', ...newKey, '-subj', '/CN=ASR failback test TLS-inspecting proxy CA',
      '-keyout', file('ca-key.pem'), '-out', file('ca.pem'),
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign',
    ]);
    await runFile(OPENSSL, [
      'req', '-x509', ...newKey, '-subj', '/CN=ASR failback test TLS-inspecting proxy',
      '-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'),
      '-keyout', file('leaf-key.pem'), '-out', file('leaf.pem'),
      '-addext', `subjectAltName=${names.join(',')}`, '-addext', 'extendedKeyUsage=serverAuth',
      '-addext', 'basicConstraints=critical,CA:FALSE',
    ]);
    const [caPem, leafPem, leafKeyPem] = await Promise.all(
      ['ca.pem', 'leaf.pem', 'leaf-key.pem'].map((name) => readFile(file(name), 'utf8')),
    );
    return { caPem, leafPem, leafKeyPem };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
