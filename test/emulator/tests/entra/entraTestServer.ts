/** Starts the Entra emulator alone behind the dual-protocol listener, as the tests in this folder need it. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { EntraEmulator, type DemoUser, type EntraTenant, type ServicePrincipal } from '../../entra';
import { listenDualProtocol, type DualProtocolListener } from '../../net/listener';
import { ensureCertificate, type EmulatorCertificate } from '../../tls/certificate';

/** Demo directory used by the Entra tests: two tenants, a user in both, one in a third. */
export const HOME_TENANT: EntraTenant = { id: '72f988bf-0000-4000-8000-000000000001', displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' };
export const SECOND_TENANT: EntraTenant = { id: '72f988bf-0000-4000-8000-000000000002', displayName: 'Fabrikam', defaultDomain: 'fabrikam.onmicrosoft.com' };
export const OTHER_TENANT: EntraTenant = { id: '72f988bf-0000-4000-8000-000000000003', displayName: 'Woodgrove', defaultDomain: 'woodgrove.onmicrosoft.com' };
export const SERVICE_PRINCIPAL: ServicePrincipal = {
  tenantId: HOME_TENANT.id,
  clientId: '5e1b2c3d-0000-4000-8000-00000000a001',
  clientSecret: 'emulator-test-secret-value',
  displayName: 'asr-failback-automation',
};
export const DEMO_USER: DemoUser = {
  objectId: '0b1c2d3e-0000-4000-8000-00000000b001',
  displayName: 'Dana Operator',
  userPrincipalName: 'dana@contoso.onmicrosoft.com',
  homeTenantId: HOME_TENANT.id,
  tenantIds: [HOME_TENANT.id, SECOND_TENANT.id],
};

/** A running Entra emulator and what a client needs to reach it. */
export interface EntraTestServer {
  entra: EntraEmulator;
  listener: DualProtocolListener;
  certificate: EmulatorCertificate;
  /** `https://127.0.0.1:PORT` */
  origin: string;
  /** Requests the emulator received, as `METHOD host path` (no query, no bodies). */
  requests: string[];
  /** Moves the emulator's clock forward. */
  advanceClock(milliseconds: number): void;
  close(): Promise<void>;
}

/** The certificate folder for tests: outside the repository, shared by every test run on this machine. */
export const TEST_CERTIFICATE_DIR = path.join(os.tmpdir(), 'asr-failback-emulator-test-cert');

/** Starts the emulator on a free port; ARM paths answer 404. */
export async function startEntraTestServer(): Promise<EntraTestServer> {
  const certificate = await ensureCertificate(TEST_CERTIFICATE_DIR);
  let origin = '';
  let clockOffsetMs = 0;
  const requests: string[] = [];
  const entra = new EntraEmulator({
    tenants: [HOME_TENANT, SECOND_TENANT, OTHER_TENANT],
    servicePrincipals: [SERVICE_PRINCIPAL],
    users: [DEMO_USER],
    issuerBase: () => origin,
    now: () => Date.now() + clockOffsetMs,
  });
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      requests.push(`${req.method ?? ''} ${req.headers.host ?? ''} ${url.pathname}`);
      if (!entra.handle(req, res, url, Buffer.concat(chunks))) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"code":"NotFound","message":"Not an Entra path."}}');
      }
    });
  };
  const listener = await listenDualProtocol({ certificate, handler });
  origin = `https://127.0.0.1:${listener.port}`;
  return {
    entra,
    listener,
    certificate,
    origin,
    requests,
    advanceClock: (milliseconds) => {
      clockOffsetMs += milliseconds;
    },
    close: () => listener.close(),
  };
}

/** A plain-HTTP answer from the emulator's port: status, Location and body. */
export interface PlainResponse {
  status: number;
  location: string;
  body: string;
}

/** GETs a path on the emulator's port as plain HTTP, as code-server's port proxy forwards the browser's requests. */
export function plainGet(port: number, path: string): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { body += chunk; });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? '', body });
      });
    }).on('error', reject);
  });
}
