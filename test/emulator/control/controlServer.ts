/** The control endpoint: a JSON API on its own plain-HTTP 127.0.0.1 port, never under ARM paths. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorSettings } from '../arm/settings';
import type { ArmState } from '../arm/state';
import { isJsonObject, type ArmResource } from '../arm/types';
import { findConfigurationServer } from '../simulation/onPremisesNetwork';
import type { EmulatorInfo } from './client';
import type { FaultInjector, FaultRule } from './faults';
import type { HoldRegistry, HoldRule } from './holds';
import type { RequestLog } from './requestLog';

/** What the control endpoint drives. */
export interface EmulatorController {
  info(): EmulatorInfo;
  readonly faults: FaultInjector;
  /** Test control: work kept pending until the test releases it. */
  readonly holds: HoldRegistry;
  readonly requestLog: RequestLog;
  readonly state: ArmState;
  readonly settings: EmulatorSettings;
  resetState(): void;
  expireTokens(): void;
  /** How many TLS connections clients have opened since the emulator started. */
  tlsConnections(): number;
  /** Closes every client connection to the emulator's port (a test measurement of connection reuse). */
  dropConnections(): void;
}

/** A listening control endpoint. */
export interface ControlServer {
  readonly url: string;
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(text);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

async function route(controller: EmulatorController, method: string, url: URL, req: http.IncomingMessage): Promise<{ status: number; body?: unknown }> {
  const key = `${method} ${url.pathname}`;
  switch (key) {
    case 'GET /info':
      return { status: 200, body: controller.info() };
    case 'GET /faults':
      return { status: 200, body: controller.faults.list() };
    case 'POST /faults':
      return { status: 201, body: controller.faults.add((await readJson(req)) as FaultRule) };
    case 'DELETE /faults':
      controller.faults.clear();
      return { status: 204 };
    case 'GET /holds':
      return { status: 200, body: controller.holds.list() };
    case 'POST /holds':
      return { status: 201, body: controller.holds.add((await readJson(req)) as HoldRule) };
    case 'POST /holds/release': {
      const body = await readJson(req);
      const id = isJsonObject(body) && typeof body['id'] === 'string' ? body['id'] : undefined;
      return { status: 200, body: { released: controller.holds.release(id) } };
    }
    case 'GET /connections':
      return { status: 200, body: { tlsConnections: controller.tlsConnections() } };
    case 'DELETE /connections':
      controller.dropConnections();
      return { status: 204 };
    case 'GET /requests':
      return { status: 200, body: controller.requestLog.since(Number(url.searchParams.get('after') ?? '0')) };
    case 'DELETE /requests':
      controller.requestLog.clear();
      return { status: 204 };
    case 'GET /state':
      return { status: 200, body: controller.state.snapshot() };
    case 'POST /state/reset':
      controller.resetState();
      return { status: 204 };
    case 'POST /state/resources': {
      const resource = await readJson(req);
      if (!isJsonObject(resource) || typeof resource['id'] !== 'string' || typeof resource['type'] !== 'string' || typeof resource['name'] !== 'string') {
        return { status: 400, body: { error: 'A resource needs string id, name and type.' } };
      }
      controller.state.put(resource as ArmResource);
      return { status: 204 };
    }
    case 'POST /configurationServers/answersOnPort443': {
      const body = await readJson(req);
      if (!isJsonObject(body) || typeof body['address'] !== 'string' || typeof body['answers'] !== 'boolean') {
        return { status: 400, body: { error: 'Expected { address: string, answers: boolean }.' } };
      }
      const server = findConfigurationServer(controller.state, body['address']);
      if (server === undefined) {
        return { status: 404, body: { error: `No seeded configuration server has the address ${body['address']}.` } };
      }
      server.answersOnPort443 = body['answers'];
      return { status: 204 };
    }
    case 'POST /configurationServers/passphrase': {
      // The on-premises side: an administrator regenerating the configuration server's passphrase (genpassphrase.exe).
      const body = await readJson(req);
      if (!isJsonObject(body) || typeof body['address'] !== 'string' || typeof body['passphrase'] !== 'string' || body['passphrase'] === '') {
        return { status: 400, body: { error: 'Expected { address: string, passphrase: non-empty string }.' } };
      }
      const server = findConfigurationServer(controller.state, body['address']);
      if (server === undefined) {
        return { status: 404, body: { error: `No seeded configuration server has the address ${body['address']}.` } };
      }
      server.passphrase = body['passphrase'];
      return { status: 204 };
    }
    case 'POST /tokens/expire':
      controller.expireTokens();
      return { status: 204 };
    case 'GET /settings':
      return { status: 200, body: controller.settings };
    case 'PATCH /settings': {
      const changes = await readJson(req);
      if (!isJsonObject(changes)) {
        return { status: 400, body: { error: 'Expected a JSON object of settings.' } };
      }
      const { retryAfterSeconds, ...others } = changes;
      Object.assign(controller.settings, others);
      if (retryAfterSeconds !== undefined) {
        controller.settings.retryAfterSeconds = typeof retryAfterSeconds === 'number' ? retryAfterSeconds : undefined;
      }
      return { status: 200, body: controller.settings };
    }
    default:
      return { status: 404, body: { error: `No control operation ${key}.` } };
  }
}

/** Starts the control endpoint on 127.0.0.1 (`port` 0: a free one). */
export async function startControlServer(controller: EmulatorController, port = 0): Promise<ControlServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    route(controller, (req.method ?? 'GET').toUpperCase(), url, req).then(
      (result) => {
        sendJson(res, result.status, result.body);
      },
      (error: unknown) => {
        sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
