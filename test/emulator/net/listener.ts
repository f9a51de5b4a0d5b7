/**
 * One loopback TCP port that speaks HTTPS and plain HTTP, and is also a forward proxy: CONNECT to the emulator itself
 * or to login.microsoftonline.com is terminated here with the emulator's certificate; any other destination is
 * refused, never dialled. VS Code's `http.proxy` (pointed here by the sandbox) sends it only the latter, msal's
 * instance discovery: VS Code never proxies loopback names. CONNECT to the emulator itself serves clients that proxy
 * everything (the emulator's own tests).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { replayingStream } from '../../support/replayingStream';
import type { EmulatorCertificate } from '../tls/certificate';

/** A listening dual-protocol port. */
export interface DualProtocolListener {
  readonly port: number;
  /** How many TLS connections clients have opened so far (a measure of connection reuse). */
  tlsConnections(): number;
  /** Closes every open client connection (the port keeps listening): the next request opens a new one. */
  dropConnections(): void;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

/** What {@link listenDualProtocol} serves. */
export interface DualProtocolOptions {
  /** 0 or undefined: a free port. */
  port?: number;
  certificate: EmulatorCertificate;
  /** Receives every HTTP request, whether it arrived over TLS, plain HTTP or a CONNECT tunnel. */
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

/** The only host other than the emulator's own that CONNECT may name (msal's instance discovery). */
export const PROXIED_ENTRA_HOST = 'login.microsoftonline.com';
const TLS_HANDSHAKE_RECORD = 0x16;
const LOOPBACK = '127.0.0.1';

/** Listens on 127.0.0.1 and serves HTTPS, HTTP and CONNECT tunnels on the same port. */
export async function listenDualProtocol(options: DualProtocolOptions): Promise<DualProtocolListener> {
  const tlsServer = https.createServer({ cert: options.certificate.certPem, key: options.certificate.keyPem }, options.handler);
  const plainServer = http.createServer((req, res) => {
    serveProxyOrLocal(req, res, options.handler, ownPort());
  });
  const sockets = new Set<net.Socket>();
  let tlsConnections = 0;
  tlsServer.on('secureConnection', () => {
    tlsConnections += 1;
  });

  const dispatchBySniffing = (socket: net.Socket): void => {
    socket.once('data', (firstChunk: Buffer) => {
      socket.pause();
      if (firstChunk[0] === TLS_HANDSHAKE_RECORD) {
        tlsServer.emit('connection', replayingStream(socket, firstChunk));
      } else {
        socket.unshift(firstChunk);
        plainServer.emit('connection', socket);
        socket.resume();
      }
    });
    // After a CONNECT the HTTP parser leaves the socket paused; the first byte must still arrive.
    socket.resume();
  };

  plainServer.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const destination = req.url ?? '';
    if (!isLocallyTerminated(destination, ownPort())) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n'
        + `The emulator proxies only ${PROXIED_ENTRA_HOST}:443 and itself, never ${destination}.\r\n`);
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) {
      socket.unshift(head);
    }
    dispatchBySniffing(socket);
  });
  for (const server of [tlsServer, plainServer]) {
    server.on('clientError', (_error: Error, socket: net.Socket) => {
      socket.destroy();
    });
  }
  tlsServer.on('tlsClientError', (_error: Error, socket: net.Socket) => {
    socket.destroy();
  });

  const tcpServer = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    dispatchBySniffing(socket);
  });
  const ownPort = (): number => (tcpServer.address() as net.AddressInfo).port;

  await new Promise<void>((resolve, reject) => {
    tcpServer.once('error', reject);
    tcpServer.listen(options.port ?? 0, LOOPBACK, () => {
      tcpServer.off('error', reject);
      resolve();
    });
  });
  const port = ownPort();
  return {
    port,
    tlsConnections: () => tlsConnections,
    dropConnections: () => {
      for (const socket of sockets) {
        socket.destroy();
      }
    },
    close: () => new Promise<void>((resolve) => {
      tcpServer.close(() => {
        resolve();
      });
      for (const socket of sockets) {
        socket.destroy();
      }
    }),
  };
}

/** CONNECT authorities terminated locally: the Entra host on 443, and this port by loopback name. */
function isLocallyTerminated(authority: string, port: number): boolean {
  const allowed = [`${PROXIED_ENTRA_HOST}:443`, `${LOOPBACK}:${port}`, `localhost:${port}`];
  return allowed.includes(authority.toLowerCase());
}

/**
 * A plain-HTTP request is either for this server (origin form, `/path`) or a forward-proxy request
 * (absolute form, `http://host/path`): the latter is served only when it names this server.
 */
function serveProxyOrLocal(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  handler: DualProtocolOptions['handler'],
  port: number,
): void {
  const target = req.url ?? '/';
  if (target.startsWith('/')) {
    handler(req, res);
    return;
  }
  let absolute: URL;
  try {
    absolute = new URL(target);
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request target.\n');
    return;
  }
  if (absolute.protocol !== 'http:' || !isLocallyTerminated(`${absolute.hostname}:${absolute.port || '80'}`, port)
    || absolute.hostname === PROXIED_ENTRA_HOST) {
    res.writeHead(403, { 'Content-Type': 'text/plain' })
      .end(`The emulator proxies only itself over plain HTTP, never ${absolute.host}.\n`);
    return;
  }
  req.url = `${absolute.pathname}${absolute.search}`;
  handler(req, res);
}
