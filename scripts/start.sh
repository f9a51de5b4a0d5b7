#!/usr/bin/env bash
# `npm start`: installs what the sandbox needs (as the test command does), builds and packages the extension, then
# starts the Azure emulator with demo data and a real VS Code (code-server) with the extension, and prints the URL.
# ASR_SANDBOX_PORT sets code-server's port (default 8080).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash scripts/setup-test-env.sh)"
export ASR_NODE24_DIR
export PATH="$ASR_NODE24_DIR/bin:$PATH"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi
npx tsc -p .
npm run --silent package >/dev/null
exec node out/test/sandbox/startSandbox.js
