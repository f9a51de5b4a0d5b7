/** Shared setup of the emulator tests: one emulator per suite, real credentials and SDK client options. */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { ClientSecretCredential } from '@azure/identity';
import { fixturePath, startEmulator, type EmulatorOptions, type RunningEmulator } from '../server';

/** Well-known ids of the demo seed (test/emulator/fixtures/demo.json). */
export const demo = {
  tenantId: '3c5a1f2e-8b7d-4e6a-9c1b-2d4f6a8b0c1e',
  otherTenantId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  production: 'c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b',
  disasterRecovery: 'd1b2c3d4-e5f6-4a70-9b8c-0d1e2f3a4b5c',
  devTest: 'e2c3d4e5-f6a7-4b80-8c9d-1e2f3a4b5c6d',
  fabrikam: 'f3d4e5f6-a7b8-4c90-9dae-2f3a4b5c6d7e',
} as const;

/** An emulator plus what clients need to reach it. */
export interface EmulatorHarness {
  readonly emulator: RunningEmulator;
  readonly credential: ClientSecretCredential;
  /** Options for classic clients (arm-resources-subscriptions, arm-recoveryservices-siterecovery). */
  readonly classicOptions: { endpoint: string; credentialScopes: string[]; tlsOptions: { ca: string } };
  /** Options for modular clients (arm-resources 8, arm-network 39, arm-compute, arm-storage, arm-recoveryservices 7). */
  readonly modularOptions: { endpoint: string; credentials: { scopes: string[] }; tlsOptions: { ca: string } };
  /** Polling options for LROs (no Retry-After in tests: poll quickly). */
  readonly poll: { updateIntervalInMs: number };
}

/** Starts an emulator (default: demo seed) and builds a credential for the demo service principal. */
export async function startHarness(options: EmulatorOptions = {}): Promise<EmulatorHarness> {
  const emulator = await startEmulator({ seedFiles: [fixturePath('demo.json')], ...options });
  const { info } = emulator;
  const ca = readFileSync(info.caFile, 'utf8');
  const credential = new ClientSecretCredential(info.tenantId, info.clientId, info.clientSecret, {
    authorityHost: info.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions: { ca },
  });
  const scopes = [`${info.armEndpoint}/.default`];
  return {
    emulator,
    credential,
    classicOptions: { endpoint: info.armEndpoint, credentialScopes: scopes, tlsOptions: { ca } },
    modularOptions: { endpoint: info.armEndpoint, credentials: { scopes }, tlsOptions: { ca } },
    poll: { updateIntervalInMs: 10 },
  };
}

/** Collects an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) {
    result.push(item);
  }
  return result;
}

/** The rejection of `promise` as an error with ARM's `code`/`statusCode` (RestError) for assertions. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code?: string; statusCode?: number; message: string; name: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; statusCode?: number; message: string; name: string };
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}

/** A response read below the SDK. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** A request below the SDK, for what the SDK never sends (no token, no api-version, values its types forbid). */
export function rawRequest(harness: EmulatorHarness, method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<RawResponse> {
  const ca = readFileSync(harness.emulator.info.caFile, 'utf8');
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers = { ...options.headers, ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }) };
  return new Promise((resolve, reject) => {
    const request = https.request(`${harness.emulator.info.armEndpoint}${path}`, { method, ca, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RawResponse['body'] });
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/** `Authorization: Bearer <token>` for the harness's credential. */
export async function bearerHeader(harness: EmulatorHarness): Promise<Record<string, string>> {
  const token = await harness.credential.getToken(`${harness.emulator.info.armEndpoint}/.default`);
  return { Authorization: `Bearer ${token.token}` };
}
