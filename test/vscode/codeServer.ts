import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_SERVER_ENTRY, NODE24_BIN } from './testTools';

/** Settings every test instance starts with: no AI features, telemetry, updates or start-up editor. */
const BASE_SETTINGS: Record<string, unknown> = {
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'update.mode': 'none',
};

export interface CodeServerOptions {
  /** A throwaway folder for HOME, user data, extensions and temp files; made with mkdtemp when omitted. */
  rootDir?: string;
  /** Extensions folder; `<rootDir>/extensions` when omitted. */
  extensionsDir?: string;
  /** User data folder; `<rootDir>/user-data` when omitted. */
  userDataDir?: string;
  /** VSIX files installed before the server starts (the packaged artifact, as a user would get it). */
  vsixFiles?: string[];
  /** User settings merged over the base settings. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server and so for its extension host. */
  env?: Record<string, string>;
  /** Starts VS Code's smoke-test driver, which makes the workbench honour a `payload` query parameter. */
  smokeTestDriver?: boolean;
  /** Built-in extensions to disable (passed to the VS Code server as --disable-extension). */
  disabledExtensions?: string[];
  /** The folder opened as workspace. */
  workspaceDir?: string;
  /** A fixed port; a free one when omitted. */
  port?: number;
  /** Receives code-server's own output lines (for diagnosis when a run fails). */
  onOutput?: (line: string) => void;
}

export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly rootDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  stop(): Promise<void>;
}

/** Finds a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('No port was assigned.'));
        }
      });
    });
  });
}

/**
 * Starts a real VS Code (code-server 4.139.1 on Node 24) bound to 127.0.0.1, isolated in its own folders so that
 * nothing reaches the real home and no outside lookup happens, and waits until it answers /healthz.
 */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<RunningCodeServer> {
  const rootDir = options.rootDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'asr-code-server-'));
  const userDataDir = options.userDataDir ?? path.join(rootDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(rootDir, 'extensions');
  const homeDir = path.join(rootDir, 'home');
  for (const dir of [userDataDir, extensionsDir, homeDir, path.join(homeDir, 'tmp'), path.join(userDataDir, 'User')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...options.settings }, undefined, 2),
  );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: homeDir,
    TMPDIR: path.join(homeDir, 'tmp'),
    XDG_CONFIG_HOME: path.join(homeDir, '.config'),
    XDG_DATA_HOME: path.join(homeDir, '.local', 'share'),
    XDG_CACHE_HOME: path.join(homeDir, '.cache'),
    XDG_RUNTIME_DIR: path.join(homeDir, 'run'),
    EXTENSIONS_GALLERY: '{}',
    PATH: `${path.dirname(NODE24_BIN)}:${process.env.PATH ?? ''}`,
    ...options.env,
  };
  // code-server must not inherit a parent's IPC hooks or test-runner variables meant for desktop VS Code.
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.ELECTRON_RUN_AS_NODE;

  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  for (const vsix of options.vsixFiles ?? []) {
    await runToCompletion(NODE24_BIN, [CODE_SERVER_ENTRY, ...common, '--install-extension', vsix, '--force'], env);
  }

  const port = options.port ?? (await freePort());
  const args = [
    CODE_SERVER_ENTRY,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time',
    '5',
    ...common,
  ];
  if (options.smokeTestDriver === true) {
    args.push('--vscode-option', 'enable-smoke-test-driver');
  }
  for (const extensionId of options.disabledExtensions ?? []) {
    args.push('--vscode-option', `disable-extension=${extensionId}`);
  }
  if (options.workspaceDir !== undefined) {
    args.push(options.workspaceDir);
  }
  const child = spawn(NODE24_BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  forwardLines(child, options.onOutput);

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child);
  } catch (error) {
    await stopProcessTree(child);
    throw error;
  }
  return {
    url,
    port,
    rootDir,
    userDataDir,
    extensionsDir,
    stop: () => stopProcessTree(child),
  };
}

function forwardLines(child: ChildProcess, onOutput: ((line: string) => void) | undefined): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line.trim() !== '') {
          onOutput?.(line);
        }
      }
    });
  }
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with code ${child.exitCode} before it answered ${url}/healthz.`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within 60 s.`);
}

/** Ends code-server and everything it started (extension hosts, file watchers): SIGTERM to the group, then SIGKILL. */
async function stopProcessTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  process.kill(-child.pid, 'SIGTERM');
  const killed = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
  if (!killed) {
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) {
    throw new Error(`${path.basename(command)} ${args.slice(1).join(' ')} exited with ${String(code)}:\n${output}`);
  }
}
