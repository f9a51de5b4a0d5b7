/**
 * The tree bench (extensionHostBench.ts runs it): the tree against a large emulated estate, 100 subscriptions x 2
 * vaults x 2 configuration servers x 3 process servers, with 100 ms added to every request. Prints, per level, how
 * many nodes loaded, the requests it took (and how many at most at once), the new TLS connections, the extension
 * host's CPU per request and the time against the level's floor; then the vaults of 50 subscriptions expanded at once.
 *
 * A level's floor is what the concurrency bound allows at best: rounds of `MAX_PARALLEL_REQUESTS` (src/session/extensionSession.ts)
 * requests, each round one latency long. The rounds are the requests divided by the bound, or the longest chain of
 * requests that must follow one another, whichever is more: the pages of one listing (each page's nextLink comes with
 * the page before), after sign-in's requests to Entra ID where the level makes them (discovery, then the token), and
 * after a tenants' listing where the level makes one (subscriptions listed per tenant).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Seed } from '../emulator/arm/seed';
import type { ArmResource } from '../emulator/arm/types';
import type { RequestLogEntry } from '../emulator/control/requestLog';
import { PROJECT_ROOT } from '../vscode/testTools';
import type { BenchRow } from './benchTable';
import { isEntraRequest } from './deployRequestLog';
import type { TreeBenchResult, TreeLoad } from './treeBenchHost';

const SUBSCRIPTIONS = 100;
const VAULTS_PER_SUBSCRIPTION = 2;
const CONFIGURATION_SERVERS_PER_VAULT = 2;
const PROCESS_SERVERS_PER_CONFIGURATION_SERVER = 3;
const DEMO_TENANT = '3c5a1f2e-8b7d-4e6a-9c1b-2d4f6a8b0c1e';

/** The emulator's settings for the tree: 100 ms on every request, pages of 100 (Resource Manager's common page size). */
export const TREE_SETTINGS = { latencyMs: 100, pageSize: 100 } as const;

/** The targets. */
const FLOOR_FACTOR = 1.25;
const CPU_MS_PER_REQUEST = 10;
const FIFTY_LATENCIES = 6;

export function largeEstate(): Seed {
  const subscriptions: NonNullable<Seed['subscriptions']> = [];
  const resources: ArmResource[] = [];
  for (let index = 0; index < SUBSCRIPTIONS; index += 1) {
    const subscriptionId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    subscriptions.push({ subscriptionId, tenantId: DEMO_TENANT, displayName: `Estate ${String(index).padStart(3, '0')}`, state: 'Enabled' });
    const group = `/subscriptions/${subscriptionId}/resourceGroups/rg-asr`;
    resources.push({ id: group, name: 'rg-asr', type: 'Microsoft.Resources/resourceGroups', location: 'japaneast', properties: { provisioningState: 'Succeeded' } });
    for (let vault = 0; vault < VAULTS_PER_SUBSCRIPTION; vault += 1) {
      const vaultId = `${group}/providers/Microsoft.RecoveryServices/vaults/rsv-${String(vault)}`;
      resources.push({ id: vaultId, name: `rsv-${String(vault)}`, type: 'Microsoft.RecoveryServices/vaults', location: 'japaneast', properties: { provisioningState: 'Succeeded' } });
      for (let server = 0; server < CONFIGURATION_SERVERS_PER_VAULT; server += 1) {
        const name = `cs-${String(vault)}-${String(server)}`;
        const address = `10.${String(index)}.${String(vault * CONFIGURATION_SERVERS_PER_VAULT + server)}`;
        resources.push({
          id: `${vaultId}/replicationFabrics/${name}`,
          name,
          type: 'Microsoft.RecoveryServices/vaults/replicationFabrics',
          properties: {
            friendlyName: `cs-${String(index)}-${String(vault)}-${String(server)}`,
            customDetails: {
              instanceType: 'VMware',
              ipAddress: `${address}.10`,
              processServers: Array.from({ length: PROCESS_SERVERS_PER_CONFIGURATION_SERVER }, (_unused, ps) => ({
                id: `ps-${String(index)}-${String(vault)}-${String(server)}-${String(ps)}`,
                friendlyName: `ps-${String(index)}-${String(vault)}-${String(server)}-${String(ps)}`,
                ipAddress: `${address}.${String(11 + ps)}`,
                machineCount: '3',
              })),
            },
          },
        });
      }
    }
  }
  return { subscriptions, resources };
}

/** The extension's concurrency bound, read from src/session/extensionSession.ts (the bench does not change the product to export it). */
export function concurrencyBound(): number {
  const source = fs.readFileSync(path.join(PROJECT_ROOT, 'src', 'session', 'extensionSession.ts'), 'utf8');
  const match = /\bMAX_PARALLEL_REQUESTS\s*(?::\s*number\s*)?=\s*(\d+)/.exec(source);
  if (match === null) {
    throw new Error('src/session/extensionSession.ts no longer has "MAX_PARALLEL_REQUESTS = <n>": the tree bench cannot compute its floors.');
  }
  return Number(match[1]);
}

/** The most requests the emulator was answering at the same moment. */
function maxInFlight(entries: readonly RequestLogEntry[]): number {
  const events = entries.flatMap((entry) => {
    const start = Date.parse(entry.time);
    return [
      { at: start, change: 1 },
      { at: start + (entry.durationMs ?? 0), change: -1 },
    ];
  });
  events.sort((a, b) => a.at - b.at || a.change - b.change);
  let current = 0;
  let highest = 0;
  for (const event of events) {
    current += event.change;
    highest = Math.max(highest, current);
  }
  return highest;
}

/** The page token a nextLink adds (test/emulator/arm/paging.ts). */
const PAGE_TOKEN = '$skiptoken';

const isFurtherPage = (entry: RequestLogEntry): boolean => new URLSearchParams(entry.query).has(PAGE_TOKEN);

/** The listing a request reads a page of: method, path and query without the page's token. */
function listingOf(entry: RequestLogEntry): string {
  const query = new URLSearchParams(entry.query);
  query.delete(PAGE_TOKEN);
  return `${entry.method} ${entry.path.toLowerCase()}?${query.toString()}`;
}

/** What one load's requests say, against the bound and the latency. */
interface LoadFigures {
  readonly load: TreeLoad;
  readonly arm: number;
  readonly entra: number;
  readonly listings: number;
  readonly furtherPages: number;
  readonly inFlight: number;
  readonly rounds: number;
  readonly floorMs: number;
  readonly cpuPerRequestMs: number;
  readonly medianServerMs: number;
  /** Listings beyond one per parent (`load.per`): requests that grow with the items. */
  readonly excessListings: number;
}

function figuresOf(load: TreeLoad, bound: number, latencyMs: number): LoadFigures {
  const arm = load.requests.filter((entry) => !isEntraRequest(entry));
  const furtherPages = arm.filter(isFurtherPage).length;
  const pagesPerListing = new Map<string, number>();
  for (const entry of arm) {
    pagesPerListing.set(listingOf(entry), (pagesPerListing.get(listingOf(entry)) ?? 0) + 1);
  }
  const tenantsFirst = arm.some((entry) => entry.path.toLowerCase() === '/tenants') ? 1 : 0;
  // Sign-in's requests (discovery, then the token) come one after the other, before the first request they sign.
  const signIn = load.requests.length - arm.length;
  const longestChain = signIn + Math.max(0, ...[...pagesPerListing.entries()].map(([listing, pages]) => pages + (listing.startsWith('GET /tenants?') ? 0 : tenantsFirst)));
  const rounds = Math.max(Math.ceil(load.requests.length / bound), longestChain);
  const durations = load.requests.map((entry) => entry.durationMs ?? 0).sort((a, b) => a - b);
  const listings = arm.length - furtherPages;
  return {
    load,
    arm: arm.length,
    entra: load.requests.length - arm.length,
    listings,
    furtherPages,
    inFlight: maxInFlight(load.requests),
    rounds,
    floorMs: rounds * latencyMs,
    cpuPerRequestMs: load.requests.length === 0 ? 0 : load.cpuMs / load.requests.length,
    medianServerMs: durations.at(Math.floor(durations.length / 2)) ?? 0,
    excessListings: Math.max(0, listings - load.perCount - tenantsFirst),
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function detailLine(figures: LoadFigures, bound: number, latencyMs: number): string {
  const { load } = figures;
  return (
    `  ${load.level}: ${String(load.nodes)} nodes, ${String(figures.arm)} requests (${String(figures.listings)} listings for ${String(load.perCount)} ${load.per}(s) + ` +
    `${String(figures.furtherPages)} further pages; ${String(figures.entra)} sign-in requests to Entra ID), at most ${String(figures.inFlight)} in flight, ` +
    `${String(load.tlsConnections)} new TLS connections, median ${String(figures.medianServerMs)} ms per request in the emulator; ` +
    `${seconds(load.ms)} against a floor of ${seconds(figures.floorMs)} (${String(figures.rounds)} rounds of ${String(bound)} x ${String(latencyMs)} ms) = ` +
    `${(load.ms / Math.max(1, figures.floorMs)).toFixed(2)}x; extension-host CPU ${load.cpuMs.toFixed(0)} ms = ${figures.cpuPerRequestMs.toFixed(2)} ms per request`
  );
}

/** Prints the tree's figures and returns its rows for the bench table. */
export function reportTree(result: TreeBenchResult, latencyMs: number): BenchRow[] {
  const bound = concurrencyBound();
  const levels = result.levels.map((load) => figuresOf(load, bound, latencyMs));
  const fifty = figuresOf(result.fiftySubscriptions, bound, latencyMs);
  const subscriptions = result.levels[0]?.nodes ?? 0;
  console.log(
    `tree over ${String(subscriptions)} subscriptions (${String(SUBSCRIPTIONS)} of them ${String(VAULTS_PER_SUBSCRIPTION)} vaults x ${String(CONFIGURATION_SERVERS_PER_VAULT)} ` +
      `configuration servers x ${String(PROCESS_SERVERS_PER_CONFIGURATION_SERVER)} process servers), ${String(latencyMs)} ms added to every request, ` +
      `at most ${String(bound)} requests at once (MAX_PARALLEL_REQUESTS in src/session/extensionSession.ts); every node of a level expanded at once:`,
  );
  for (const figures of levels) {
    console.log(detailLine(figures, bound, latencyMs));
  }
  console.log(`then, the tree refreshed:`);
  console.log(detailLine(fifty, bound, latencyMs));

  const rows: BenchRow[] = [];
  for (const figures of levels) {
    rows.push({
      figure: `tree: ${figures.load.level} level (${String(figures.load.nodes)} nodes), time`,
      measured: figures.load.ms,
      unit: 'ms',
      target: FLOOR_FACTOR * figures.floorMs,
      targetBasis: `${FLOOR_FACTOR.toFixed(2)} x floor ${seconds(figures.floorMs)}: ${String(figures.rounds)} rounds of ${String(bound)} x ${String(latencyMs)} ms`,
    });
  }
  for (const figures of levels) {
    rows.push({
      figure: `tree: ${figures.load.level} level, extension-host CPU per request`,
      measured: figures.cpuPerRequestMs,
      unit: 'ms/request',
      target: CPU_MS_PER_REQUEST,
    });
  }
  rows.push({
    figure: `tree: vaults of ${String(fifty.load.perCount)} subscriptions expanded at once`,
    measured: fifty.load.ms,
    unit: 'ms',
    target: FIFTY_LATENCIES * latencyMs,
    targetBasis: `${String(FIFTY_LATENCIES)} x one request's ${String(latencyMs)} ms; the bound allows ${seconds(fifty.floorMs)}`,
  });
  const excess = levels.filter((figures) => figures.excessListings > 0);
  rows.push({
    figure: 'tree: requests per item (listings beyond one per parent, all levels)',
    measured: excess.reduce((sum, figures) => sum + figures.excessListings, 0),
    unit: 'count',
    target: 0,
    note: excess.length === 0 ? 'every level one paged listing per parent' : excess.map((figures) => `${figures.load.level} ${String(figures.excessListings)}`).join(', '),
  });
  const tls = levels.reduce((sum, figures) => sum + figures.load.tlsConnections, 0);
  const requests = levels.reduce((sum, figures) => sum + figures.load.requests.length, 0);
  rows.push({ figure: 'tree: new TLS connections, all levels', measured: tls, unit: 'count', note: `for ${String(requests)} requests` });
  return rows;
}
