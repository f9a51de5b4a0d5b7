/**
 * Typed client of the emulator's control endpoint (plain HTTP on 127.0.0.1). Uses only the global `fetch`,
 * so it runs in Node tests and in a VS Code extension host alike.
 */
import type { EmulatorSettings } from '../arm/settings';
import type { ArmResource } from '../arm/types';
import type { ActiveFault, FaultRule } from './faults';
import type { ActiveHold, HoldRule } from './holds';
import type { RequestLogEntry } from './requestLog';

/** What `npm run emulator -- --json` prints as its first line, and what `startEmulator` returns as `info`. */
export interface EmulatorInfo {
  /**
   * `https://127.0.0.1:<port>` (or the `hostName` it was started with): the Resource Manager endpoint, also the
   * authority host and token audience.
   */
  armEndpoint: string;
  /** `https://127.0.0.1:<port>`: pass to `authorityHost` with `disableInstanceDiscovery: true`. */
  authorityHost: string;
  /** Tenant of the demo service principal. */
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** PEM file of the self-signed certificate (NODE_EXTRA_CA_CERTS or `tlsOptions.ca`). */
  caFile: string;
  /** `http://127.0.0.1:<port>`: this client's base URL. */
  controlEndpoint: string;
  subscriptionIds: string[];
}

/** Changes to the settings; `retryAfterSeconds: null` stops sending Retry-After. */
export type SettingsChange = Partial<Omit<EmulatorSettings, 'retryAfterSeconds'>> & { retryAfterSeconds?: number | null };

/** The emulated cloud's state as the control endpoint reports it (simulation secrets left out). */
export interface EmulatorStateSnapshot {
  tenants: Record<string, unknown>[];
  subscriptions: Record<string, unknown>[];
  resources: ArmResource[];
  configurationServers: { fabricId: string; ipAddress: string; hostName: string; answersOnPort443: boolean }[];
}

/** Calls the control endpoint. */
export class EmulatorControlClient {
  constructor(readonly baseUrl: string) {}

  info(): Promise<EmulatorInfo> {
    return this.call('GET', '/info');
  }

  /** Adds a fault rule (throttle, error, connectionReset, lroFailure, latency) for a method + path pattern. */
  addFault(rule: FaultRule): Promise<ActiveFault> {
    return this.call('POST', '/faults', rule);
  }

  listFaults(): Promise<ActiveFault[]> {
    return this.call('GET', '/faults');
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /**
   * Test control (no Azure counterpart): keeps matching work (an LRO's completion, a process server's registration, a
   * provider registration) pending until `releaseHold`, so an intermediate state can be asserted without sleeping.
   */
  hold(rule: HoldRule): Promise<ActiveHold> {
    return this.call('POST', '/holds', rule);
  }

  /** The active holds, each with a description of the work it keeps now. */
  holds(): Promise<ActiveHold[]> {
    return this.call('GET', '/holds');
  }

  /** Removes the hold `id` (every hold when omitted) and runs the work it kept at once; how many pieces ran. */
  async releaseHold(id?: string): Promise<number> {
    const result = await this.call<{ released: number }>('POST', '/holds/release', id === undefined ? {} : { id });
    return result.released;
  }

  /** Logged requests after `afterSequence` (all when omitted), secrets redacted. */
  requests(afterSequence = 0): Promise<RequestLogEntry[]> {
    return this.call('GET', `/requests?after=${afterSequence}`);
  }

  /** How many TLS connections clients have opened since the emulator started: fewer than requests means reuse. */
  async tlsConnections(): Promise<number> {
    return (await this.call<{ tlsConnections: number }>('GET', '/connections')).tlsConnections;
  }

  /** Closes every client connection to the emulator: the next request of each client opens a new one. */
  async dropConnections(): Promise<void> {
    await this.call('DELETE', '/connections');
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', '/requests');
  }

  state(): Promise<EmulatorStateSnapshot> {
    return this.call('GET', '/state');
  }

  /** Back to the seed: resources, registrations, run commands and pending operations. */
  async resetState(): Promise<void> {
    await this.call('POST', '/state/reset');
  }

  /** Creates or replaces one resource in its ARM shape (its `id` says where). */
  async putResource(resource: ArmResource): Promise<void> {
    await this.call('POST', '/state/resources', resource);
  }

  /**
   * Test control (no Azure counterpart): whether the on-premises firewall lets port 443 through to the configuration
   * server with this IP address or host name; closed, scripts on Azure VMs get no answer from it (README: registration contract).
   */
  /**
   * The simulated on-premises side: the configuration server's passphrase changes, as when its administrator
   * regenerates it (`genpassphrase.exe`); registrations with the old one fail from then on. A state reset restores it.
   */
  async setConfigurationServerPassphrase(address: string, passphrase: string): Promise<void> {
    await this.call('POST', '/configurationServers/passphrase', { address, passphrase });
  }

  async setConfigurationServerAnswersOnPort443(address: string, answers: boolean): Promise<void> {
    await this.call('POST', '/configurationServers/answersOnPort443', { address, answers });
  }

  /** Every access token issued so far becomes expired (ARM then answers 401 ExpiredAuthenticationToken). */
  async expireTokens(): Promise<void> {
    await this.call('POST', '/tokens/expire');
  }

  settings(): Promise<EmulatorSettings> {
    return this.call('GET', '/settings');
  }

  /** Changes timing/paging knobs (latency, LRO durations, Retry-After, page sizes, registration delay). */
  updateSettings(changes: SettingsChange): Promise<EmulatorSettings> {
    return this.call('PATCH', '/settings', changes);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Emulator control ${method} ${path} failed: ${response.status} ${text}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
