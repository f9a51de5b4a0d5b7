#!/usr/bin/env bash
# `npm start`: installs what the sandbox needs (as the test command does), builds and packages the extension, then
# starts the Azure emulator with demo data and a real VS Code (code-server) with the extension, and prints the URL.
# ASR_SANDBOX_PORT sets code-server's port (default 8080).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib/use-test-tools.sh
use_test_tools "npm start"
npx tsc -p .
npm run --silent package >/dev/null
exec node out/test/sandbox/startSandbox.js
