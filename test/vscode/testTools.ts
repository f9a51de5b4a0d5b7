import * as os from 'node:os';
import * as path from 'node:path';

/** The project's root folder (this file is compiled to out/test/vscode/). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Where scripts/setup-test-env.sh keeps Node 24 and code-server (outside the clone, reused across runs). */
const TOOLS_DIR = process.env.ASR_TOOLS_DIR ?? path.join(os.homedir(), '.cache', 'asr-failback-tools');

/** Node 24, which code-server's engines field demands. */
export const NODE24_BIN = path.join(process.env.ASR_NODE24_DIR ?? path.join(TOOLS_DIR, 'node-24.22.3'), 'bin', 'node');

/** The code-server entry point (VS Code 1.139.1), run with NODE24_BIN. */
export const CODE_SERVER_ENTRY = path.join(
  TOOLS_DIR,
  'code-server-4.139.1',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);

/** Debian's chromium, installed by scripts/setup-test-env.sh. */
export const CHROMIUM_BIN = '/usr/bin/chromium';

/** One folder for every artifact a test leaves for people to look at (screenshots, logs); git-ignored. */
export const TEST_RESULTS_DIR = path.join(PROJECT_ROOT, 'test-results');
