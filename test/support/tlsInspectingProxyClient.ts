/**
 * Typed client of the control API of the test's TLS-inspecting proxy (test/support/tlsInspectingProxy.ts): plain
 * HTTP on the proxy's own 127.0.0.1 port, through the global `fetch`, so it runs in Node and in an extension host
 * alike (VS Code sends requests for 127.0.0.1 direct, never to `http.proxy`).
 */

/** What the proxy has seen since it started. */
export interface ProxyCounters {
  /** CONNECT requests it answered with 200 (each one a tunnel). */
  readonly tunnels: number;
  /** TLS handshakes with clients that completed on its own certificate (a client that refuses it completes none). */
  readonly clientTlsHandshakes: number;
  /** The authority (`host:port`) of every CONNECT, answered or refused, in order. */
  readonly connectAuthorities: readonly string[];
}

export class TlsInspectingProxyClient {
  constructor(readonly baseUrl: string) {}

  counters(): Promise<ProxyCounters> {
    return this.call('GET', '/counters');
  }

  /** Closes every open client connection (and its upstream), so that the next request opens a new one. */
  async dropConnections(): Promise<number> {
    return (await this.call<{ dropped: number }>('POST', '/connections/drop')).dropped;
  }

  private async call<T>(method: string, path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { method });
    if (!response.ok) {
      throw new Error(`Proxy control ${method} ${path} failed: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as T;
  }
}
