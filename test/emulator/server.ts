/**
 * Starts the local Azure emulator: Entra ID and Resource Manager on one HTTPS port of 127.0.0.1, and the
 * control endpoint on another (plain HTTP). Used in-process by tests and by the CLI (cli.ts).
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createArmRouter } from './arm/allRoutes';
import { ArmEmulator } from './arm/armEmulator';
import { OperationTracker } from './arm/operations';
import type { ArmServices } from './arm/services';
import { loadSeedFiles, mergeSeeds, type Seed } from './arm/seed';
import { defaultSettings, type EmulatorSettings } from './arm/settings';
import { ArmState } from './arm/state';
import { EmulatorControlClient, type EmulatorInfo } from './control/client';
import { startControlServer } from './control/controlServer';
import { FaultInjector, type AppliedFaults } from './control/faults';
import { HoldRegistry } from './control/holds';
import { redactBody, redactQuery } from './control/redaction';
import { RequestLog } from './control/requestLog';
import { EntraEmulator } from './entra/index';
import { listenDualProtocol } from './net/listener';
import { ensureCertificate } from './tls/certificate';

/** How to start the emulator. */
export interface EmulatorOptions {
  /** Seed files (JSON, see README); default: fixtures/demo.json. */
  seedFiles?: string[];
  /** Inline seeds, added after the files. */
  seeds?: Seed[];
  /** HTTPS port for ARM and Entra ID; default: a free port. */
  port?: number;
  /** Control endpoint port; default: a free port. */
  controlPort?: number;
  /**
   * The host name in every URL the emulator hands out and checks (ARM endpoint, token issuer and audience, nextLink,
   * operation URLs); default 127.0.0.1. It still listens on 127.0.0.1 only: another name (the proxy run's
   * `azure-emulator.localhost`) is reached through a proxy that maps it there, which is what VS Code does with every
   * name but localhost and 127.0.0.1 when `http.proxy` is set.
   */
  hostName?: string;
  /** Where the self-signed certificate lives; default `<repo>/.emulator`. */
  certificateDir?: string;
  /** Lifetime of issued access tokens (default 3599 s). */
  accessTokenLifetimeSeconds?: number;
  /** Overrides of the timing and paging knobs (see EmulatorSettings; lroDurationsMs is merged). */
  settings?: Partial<EmulatorSettings>;
}

/** A running emulator. */
export interface RunningEmulator {
  readonly info: EmulatorInfo;
  readonly control: EmulatorControlClient;
  stop(): Promise<void>;
}

/** The repository root, whether running from test/emulator (ts) or out/test/emulator (compiled). */
function repositoryRoot(): string {
  const candidates = [path.resolve(__dirname, '..', '..', '..'), path.resolve(__dirname, '..', '..')];
  return candidates.find((candidate) => existsSync(path.join(candidate, 'package.json'))) ?? process.cwd();
}

/** Absolute path of a file in test/emulator/fixtures. */
export function fixturePath(name: string): string {
  return path.join(repositoryRoot(), 'test', 'emulator', 'fixtures', name);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function sendFault(req: IncomingMessage, res: ServerResponse, fault: NonNullable<AppliedFaults['terminal']>): void {
  if (fault.kind === 'connectionReset') {
    req.socket.destroy();
    return;
  }
  const body =
    fault.kind === 'throttle'
      ? {
          error: {
            code: 'TooManyRequests',
            message: 'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, see - https://aka.ms/srpthrottlinglimits',
          },
        }
      : {
          error: {
            code: fault.code ?? 'InternalServerError',
            message: fault.message ?? `Encountered internal server error. Diagnostic information: timestamp '${new Date().toISOString()}', tracking id '${crypto.randomUUID()}'.`,
          },
        };
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  if (fault.kind === 'throttle') {
    headers['Retry-After'] = String(fault.retryAfterSeconds);
  }
  res.writeHead(fault.kind === 'throttle' ? 429 : (fault.status ?? 500), headers);
  res.end(JSON.stringify(body));
}

/** Starts the emulator in-process and returns its connection details, a control client and `stop`. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const defaults = defaultSettings();
  const settings: EmulatorSettings = {
    ...defaults,
    ...options.settings,
    lroDurationsMs: { ...defaults.lroDurationsMs, ...options.settings?.lroDurationsMs },
  };
  const seedFiles = options.seedFiles ?? (options.seeds === undefined ? [fixturePath('demo.json')] : []);
  const seed = mergeSeeds([loadSeedFiles(seedFiles), ...(options.seeds ?? [])]);
  const servicePrincipal = seed.servicePrincipals?.[0];
  if (servicePrincipal === undefined) {
    throw new Error('The seed defines no service principal (servicePrincipals[0] is the demo one).');
  }

  const state = new ArmState(seed);
  const holds = new HoldRegistry();
  const operations = new OperationTracker(settings, holds);
  const timers = new Set<NodeJS.Timeout>();
  const services: ArmServices = {
    state,
    settings,
    operations,
    schedule: (delayMs, action, holdAs) => {
      if (holdAs !== undefined && holds.intercept(holdAs.kind, holdAs.description, action)) {
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        action();
      }, delayMs);
      timers.add(timer);
    },
  };
  const cancelTimers = (): void => {
    for (const timer of timers) {
      clearTimeout(timer);
    }
    timers.clear();
    operations.dispose();
    holds.clear();
  };

  const certificate = await ensureCertificate(options.certificateDir ?? path.join(repositoryRoot(), '.emulator'));
  let baseUrl = '';
  const entra = new EntraEmulator({
    tenants: (seed.tenants ?? []).map((tenant) => ({ id: tenant.tenantId, displayName: tenant.displayName, defaultDomain: tenant.defaultDomain })),
    servicePrincipals: seed.servicePrincipals ?? [],
    users: seed.users ?? [],
    ...(options.accessTokenLifetimeSeconds === undefined ? {} : { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds }),
    issuerBase: () => baseUrl,
  });
  const arm = new ArmEmulator(createArmRouter(services), (authorization) => entra.checkBearer(authorization));
  const faults = new FaultInjector();
  const requestLog = new RequestLog();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    const applied = faults.take(method, url.pathname);
    const entry = requestLog.add({
      time: new Date(started).toISOString(),
      method,
      path: url.pathname,
      query: redactQuery(url.searchParams),
      apiVersion: url.searchParams.get('api-version') ?? undefined,
      status: undefined,
      durationMs: undefined,
      body: redactBody(body, req.headers['content-type']),
      fault: applied.terminal?.kind ?? (applied.lroFailure === undefined ? undefined : 'lroFailure'),
    });
    res.on('finish', () => {
      entry.status = res.statusCode;
      entry.durationMs = Date.now() - started;
    });
    res.on('close', () => {
      if (!res.writableFinished) {
        entry.abandoned = true;
      }
    });
    const delay = settings.latencyMs + applied.extraLatencyMs;
    if (delay > 0) {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    if (applied.terminal !== undefined) {
      sendFault(req, res, applied.terminal);
      return;
    }
    if (entra.handle(req, res, url, body)) {
      return;
    }
    await arm.handle({ req, res, url, body, baseUrl, lroFailure: applied.lroFailure });
  };

  const listener = await listenDualProtocol({
    ...(options.port === undefined ? {} : { port: options.port }),
    certificate,
    handler: (req, res) => {
      handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
        }
        res.end(JSON.stringify({ error: { code: 'InternalServerError', message: error instanceof Error ? error.message : String(error) } }));
      });
    },
  });
  baseUrl = `https://${options.hostName ?? '127.0.0.1'}:${listener.port}`;

  const published: { info?: EmulatorInfo } = {};
  const controlServer = await startControlServer(
    {
      info: () => {
        if (published.info === undefined) {
          throw new Error('The emulator is still starting.');
        }
        return published.info;
      },
      faults,
      holds,
      requestLog,
      state,
      settings,
      resetState: () => {
        cancelTimers();
        state.reset();
      },
      expireTokens: () => {
        entra.expireAllTokens();
      },
      tlsConnections: () => listener.tlsConnections(),
      dropConnections: () => {
        listener.dropConnections();
      },
    },
    options.controlPort,
  );
  const info: EmulatorInfo = {
    armEndpoint: baseUrl,
    authorityHost: baseUrl,
    tenantId: servicePrincipal.tenantId,
    clientId: servicePrincipal.clientId,
    clientSecret: servicePrincipal.clientSecret,
    caFile: certificate.caFile,
    controlEndpoint: controlServer.url,
    subscriptionIds: (seed.subscriptions ?? []).map((subscription) => subscription.subscriptionId),
  };
  published.info = info;
  return {
    info,
    control: new EmulatorControlClient(controlServer.url),
    stop: async () => {
      cancelTimers();
      await Promise.all([listener.close(), controlServer.close()]);
    },
  };
}
