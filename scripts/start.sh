#!/usr/bin/env bash
# `npm start`: installs what the sandbox needs (as the test command does), builds and packages the extension, then
# starts the Azure emulator with demo data and a real VS Code (code-server) with the extension, and prints the URL.
# ASR_SANDBOX_PORT sets code-server's port (default 8080).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The setup prints where the tools are; it has said what failed and what to do when it stops.
tool_locations="$(bash scripts/setup-test-env.sh)" || { echo "[setup] npm start stopped: the test tools are not installed (see above)." >&2; exit 1; }
eval "$tool_locations"
export ASR_NODE24_DIR
export PATH="$ASR_NODE24_DIR/bin:$PATH"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2 || { echo "[setup] npm ci failed: the project's packages are not installed (npm's message is above)." >&2; exit 1; }
fi
npx tsc -p .
npm run --silent package >/dev/null
exec node out/test/sandbox/startSandbox.js
