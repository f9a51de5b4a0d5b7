/**
 * The "VS Code executable" that @vscode/test-electron's runTests spawns (through code-server-test-launcher.sh).
 * It starts a real VS Code (code-server) with the smoke-test driver and headless chromium, hands the workbench the
 * extension under development and the test entry point through the `payload` query parameter, prints the
 * extension host's test output and exits with the test result (0 pass, 1 fail), as desktop VS Code would.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { TEST_OUTPUT_TAG } from './testOutputTag';
import { TEST_RESULTS_DIR } from './testTools';

/** How long a whole extension-host run may take before it is stopped and counted as failed. */
const RUN_TIMEOUT_MS = 15 * 60_000;

interface LaunchArguments {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  userDataDir: string | undefined;
  extensionsDir: string | undefined;
}

function parseArguments(argv: string[]): LaunchArguments {
  const value = (name: string): string | undefined =>
    argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const extensionDevelopmentPath = value('extensionDevelopmentPath');
  const extensionTestsPath = value('extensionTestsPath');
  if (extensionDevelopmentPath === undefined || extensionTestsPath === undefined) {
    throw new Error('Expected --extensionDevelopmentPath=... and --extensionTestsPath=... (as runTests passes them).');
  }
  return {
    extensionDevelopmentPath,
    extensionTestsPath,
    userDataDir: value('user-data-dir'),
    extensionsDir: value('extensions-dir'),
  };
}

/** Settings and extension-host environment the test runner hands over through its own environment. */
function testSettings(): Record<string, unknown> {
  const json = process.env.ASR_TEST_VSCODE_SETTINGS;
  return json === undefined ? {} : (JSON.parse(json) as Record<string, unknown>);
}

function extensionHostEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('ASR_TEST_') && value !== undefined) {
      env[name] = value;
    }
  }
  return env;
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  const rootDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-ext-host-'));
  const workspaceDir = path.join(rootDir, 'workspace');
  fs.mkdirSync(workspaceDir);
  const codeServer = await startCodeServer({
    rootDir,
    ...(args.userDataDir === undefined ? {} : { userDataDir: args.userDataDir }),
    ...(args.extensionsDir === undefined ? {} : { extensionsDir: args.extensionsDir }),
    settings: testSettings(),
    smokeTestDriver: true,
    onOutput: (line) => {
      if (process.env.ASR_TEST_VERBOSE === '1') {
        process.stderr.write(`[code-server] ${line}\n`);
      }
    },
  });
  const browser = await launchBrowser();
  try {
    const exitCode = new Promise<number>((resolve) => {
      void browser.page.exposeFunction('codeAutomationExit', (code: number) => {
        resolve(code);
      });
    });
    await browser.page.exposeFunction('codeAutomationLog', (_type: string, logArgs: unknown[]) => {
      const text = logArgs.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
      for (const line of text.split('\n')) {
        if (line.startsWith(TEST_OUTPUT_TAG)) {
          process.stdout.write(`${line.slice(TEST_OUTPUT_TAG.length)}\n`);
        } else if (process.env.ASR_TEST_VERBOSE === '1') {
          process.stderr.write(`[extension host] ${line}\n`);
        }
      }
    });
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://remote${args.extensionDevelopmentPath}`],
      ['extensionTestsPath', `vscode-remote://remote${args.extensionTestsPath}`],
      ['extensionEnvironment', JSON.stringify(extensionHostEnvironment())],
    ];
    const url =
      `${codeServer.url}/?folder=${encodeURIComponent(workspaceDir)}` +
      `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await browser.page.goto(url);
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        process.stderr.write(`The extension-host tests did not finish within ${RUN_TIMEOUT_MS / 60_000} minutes.\n`);
        resolve(1);
      }, RUN_TIMEOUT_MS).unref(),
    );
    const code = await Promise.race([exitCode, timeout]);
    if (code !== 0) {
      const screenshotDir = path.join(TEST_RESULTS_DIR, 'integration');
      fs.mkdirSync(screenshotDir, { recursive: true });
      await browser.page.screenshot({ path: path.join(screenshotDir, 'failed-run.png') });
    }
    return code;
  } finally {
    await browser.close();
    await codeServer.stop();
    fs.rmSync(rootDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
