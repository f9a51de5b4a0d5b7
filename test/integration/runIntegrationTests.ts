/**
 * Runs the extension-host integration tests the way VS Code extensions are tested (@vscode/test-electron's runTests),
 * with code-server standing in for desktop VS Code, against the local Azure emulator (demo data plus the REST-spec
 * examples) configured as a custom cloud in ordinary user settings. Then a second run, behind a TLS-inspecting proxy
 * whose CA only the system certificates hold (test/integration/behindProxy/).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixturePath, startEmulator } from '../emulator/server';
import { startTlsInspectingProxy } from '../support/tlsInspectingProxy';
import { runExtensionHostAgainstEmulator } from '../vscode/runExtensionHostAgainstEmulator';
import { PROJECT_ROOT } from '../vscode/testTools';

const TESTS_DIR = path.join(PROJECT_ROOT, 'out', 'test', 'integration');

/**
 * The name the extension reaches the emulator by behind the proxy. VS Code sends requests for localhost and 127.0.0.1
 * direct whatever `http.proxy` says (@vscode/proxy-agent), so the emulator needs another name to be reached through
 * the proxy; `.localhost` is reserved for loopback (RFC 6761) and names nothing on the Internet. Only the proxy knows
 * where it is: nothing resolves it.
 */
const EMULATOR_HOST_BEHIND_PROXY = 'azure-emulator.localhost';

/** Debian's CA bundle: what OpenSSL, and so Node's system certificates, read unless SSL_CERT_FILE names another. */
const SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

async function runMainSuite(): Promise<void> {
  const emulator = await startEmulator({ seedFiles: [fixturePath('demo.json'), fixturePath('rest-spec-examples.json')] });
  try {
    await runExtensionHostAgainstEmulator(emulator.info, path.join(TESTS_DIR, 'index.js'));
  } finally {
    await emulator.stop();
  }
}

/**
 * The extension reaches the emulator only through the proxy, and the proxy's CA is trusted only as a system
 * certificate (SSL_CERT_FILE = Debian's bundle + that CA, `http.systemCertificates` on); NODE_EXTRA_CA_CERTS is not
 * set, so the emulator's own certificate is trusted by nothing in the extension host.
 */
async function runBehindProxy(): Promise<void> {
  const emulator = await startEmulator({ seedFiles: [fixturePath('demo.json')], hostName: EMULATOR_HOST_BEHIND_PROXY });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-behind-proxy-'));
  try {
    const endpoint = new URL(emulator.info.armEndpoint);
    const proxy = await startTlsInspectingProxy({
      authorities: [endpoint.host],
      upstreamPort: Number(endpoint.port),
      upstreamCa: fs.readFileSync(emulator.info.caFile, 'utf8'),
    });
    try {
      const systemCertificates = path.join(workDir, 'ca-certificates.crt');
      fs.writeFileSync(systemCertificates, `${fs.readFileSync(SYSTEM_CA_BUNDLE, 'utf8')}\n${proxy.caPem}`);
      await runExtensionHostAgainstEmulator(emulator.info, path.join(TESTS_DIR, 'behindProxy', 'index.js'), {
        env: { NODE_EXTRA_CA_CERTS: undefined, SSL_CERT_FILE: systemCertificates, ASR_TEST_PROXY_CONTROL: proxy.url },
        settings: { 'http.proxy': proxy.url, 'http.systemCertificates': true },
      });
    } finally {
      await proxy.close();
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    await emulator.stop();
  }
}

/** Both runs, the second even when the first failed; fails when either did. */
async function main(): Promise<void> {
  const failures: string[] = [];
  for (const run of [runMainSuite, runBehindProxy]) {
    try {
      await run();
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (failures.length > 0) {
    throw new Error(failures.join('\n'));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
