/**
 * An msal network client that sends every request through an HTTP proxy with CONNECT, as VS Code
 * does with `http.proxy`, and trusts only the given CA. The proxy is the emulator's own port.
 */
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { once } from 'node:events';
import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';

/** Opens a TLS connection to `target` through a CONNECT tunnel of the proxy on 127.0.0.1:`proxyPort`. */
export async function connectThroughProxy(proxyPort: number, target: URL, ca: string): Promise<tls.TLSSocket> {
  const authority = `${target.hostname}:${target.port || '443'}`;
  const connectRequest = http.request({ host: '127.0.0.1', port: proxyPort, method: 'CONNECT', path: authority, headers: { host: authority } });
  connectRequest.end();
  const [response, socket] = await once(connectRequest, 'connect') as [http.IncomingMessage, net.Socket];
  if (response.statusCode !== 200) {
    socket.destroy();
    throw new Error(`The proxy refused CONNECT ${authority}: ${response.statusCode ?? 0}`);
  }
  const secure = tls.connect({
    socket,
    host: target.hostname,
    ca,
    ...(net.isIP(target.hostname) === 0 ? { servername: target.hostname } : {}),
  });
  await once(secure, 'secureConnect');
  return secure;
}

/** The msal `system.networkClient` for a proxy on 127.0.0.1:`proxyPort`. */
export function proxiedNetworkClient(proxyPort: number, ca: string): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined): Promise<NetworkResponse<T>> => {
    const target = new URL(url);
    const socket = await connectThroughProxy(proxyPort, target, ca);
    const request = http.request({
      method,
      host: target.hostname,
      path: `${target.pathname}${target.search}`,
      headers: { ...options?.headers, host: target.host },
      createConnection: () => socket,
    });
    request.end(options?.body);
    const [response] = await once(request, 'response') as [http.IncomingMessage];
    const chunks: Buffer[] = [];
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
    }
    socket.destroy();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
    }
    return { headers, status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
