/**
 * Test preload (mocha `--require`): refuses every DNS lookup of a name other than `localhost` and every TCP
 * connection to a non-loopback address, records each refusal, and fails the run (root `afterAll` hook) when
 * any refusal was not deliberately acknowledged by a test. Tests therefore can never reach a real Azure host.
 */
import dns from 'node:dns';
import net from 'node:net';

/** One refused attempt to leave the machine. */
export interface Refusal {
  readonly kind: 'dns' | 'connect';
  readonly target: string;
  readonly stack: string;
}

const refusals: Refusal[] = [];

/** True when `host` is `localhost` or a loopback IP literal (127.0.0.0/8, ::1, IPv4-mapped loopback). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const lower = bare.toLowerCase();
  if (lower === 'localhost' || lower.endsWith('.localhost')) {
    return true;
  }
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') {
    return true;
  }
  const v4 = lower.startsWith('::ffff:') ? lower.slice('::ffff:'.length) : lower;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

function refuse(kind: Refusal['kind'], target: string): Error {
  const error = new Error(`loopbackGuard: refused ${kind} to "${target}" (tests may only use 127.0.0.1/localhost)`);
  Object.assign(error, { code: 'ELOOPBACKGUARD' });
  refusals.push({ kind, target, stack: error.stack ?? '' });
  process.stderr.write(`${error.message}\n`);
  return error;
}

/** Every refusal recorded so far (deliberate or not). */
export function refusalsSoFar(): readonly Refusal[] {
  return [...refusals];
}

/** Removes the refusals matching `isDeliberate` (a test probing the guard on purpose) and returns how many. */
export function acknowledgeRefusals(isDeliberate: (refusal: Refusal) => boolean): number {
  const before = refusals.length;
  const kept = refusals.filter((refusal) => !isDeliberate(refusal));
  refusals.splice(0, refusals.length, ...kept);
  return before - kept.length;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address?: unknown, family?: number) => void;

function installDnsGuard(): void {
  const originalLookup = dns.lookup.bind(dns) as (...args: unknown[]) => void;
  const guardedLookup = (hostname: string, ...rest: unknown[]): void => {
    const callback = rest.at(-1) as LookupCallback;
    if (typeof hostname === 'string' && !isLoopbackHost(hostname) && !net.isIP(hostname)) {
      const error = refuse('dns', hostname);
      process.nextTick(() => {
        callback(error);
      });
      return;
    }
    originalLookup(hostname, ...rest);
  };
  Object.defineProperty(dns, 'lookup', { value: guardedLookup, writable: true, configurable: true });

  const originalPromiseLookup = dns.promises.lookup.bind(dns.promises) as (...args: unknown[]) => Promise<unknown>;
  const guardedPromiseLookup = (hostname: string, ...rest: unknown[]): Promise<unknown> => {
    if (typeof hostname === 'string' && !isLoopbackHost(hostname) && !net.isIP(hostname)) {
      return Promise.reject(refuse('dns', hostname));
    }
    return originalPromiseLookup(hostname, ...rest);
  };
  Object.defineProperty(dns.promises, 'lookup', { value: guardedPromiseLookup, writable: true, configurable: true });

  for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveTxt', 'resolveSrv'] as const) {
    const refusing = (hostname: string, ...rest: unknown[]): void => {
      const callback = rest.at(-1) as LookupCallback;
      const error = refuse('dns', `${name}:${hostname}`);
      process.nextTick(() => {
        callback(error);
      });
    };
    Object.defineProperty(dns, name, { value: refusing, writable: true, configurable: true });
    const refusingPromise = (hostname: string): Promise<never> => Promise.reject(refuse('dns', `${name}:${hostname}`));
    Object.defineProperty(dns.promises, name, { value: refusingPromise, writable: true, configurable: true });
  }
}

interface ConnectTarget {
  host: string | undefined;
  isUnixSocket: boolean;
}

function connectTarget(args: unknown[]): ConnectTarget {
  // net.connect() passes its normalised arguments as one array; direct callers pass (options|port|path, ...).
  const first: unknown = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === 'string') {
      return { host: undefined, isUnixSocket: true };
    }
    return { host: typeof options.host === 'string' ? options.host : undefined, isUnixSocket: false };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) {
    return { host: undefined, isUnixSocket: true };
  }
  return { host: typeof args[1] === 'string' ? args[1] : undefined, isUnixSocket: false };
}

function installConnectGuard(): void {
  const prototype = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => net.Socket };
  const originalConnect = prototype.connect;
  prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const target = connectTarget(args);
    // Node's default host is "localhost".
    const host = target.host ?? 'localhost';
    if (!target.isUnixSocket && !isLoopbackHost(host)) {
      const error = refuse('connect', host);
      process.nextTick(() => {
        this.destroy(error);
      });
      return this;
    }
    return originalConnect.apply(this, args);
  };
}

installDnsGuard();
installConnectGuard();

/** Mocha root hooks: the run fails if any test resolved or reached a host other than loopback. */
export const mochaHooks = {
  afterAll(): void {
    if (refusals.length > 0) {
      const lines = refusals.map((refusal) => `${refusal.kind} ${refusal.target}\n${refusal.stack}`);
      throw new Error(`loopbackGuard refused ${refusals.length} non-loopback attempt(s):\n${lines.join('\n')}`);
    }
  },
};
