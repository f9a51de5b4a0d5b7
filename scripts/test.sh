#!/usr/bin/env bash
# The one test command (`npm test`): installs what the tests need on this machine (scripts/setup-test-env.sh),
# installs the project's packages, then runs every layer through scripts/run-tests.mjs, under Node 24.
#   npm test                          every layer
#   npm test -- --layers node,ui      some layers (typecheck, lint, package, node, extension-host, ui)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

setup_started=$(date +%s)
# The setup prints where the tools are; it has said what failed and what to do when it stops.
tool_locations="$(bash scripts/setup-test-env.sh)" || { echo "[setup] npm test stopped: the test tools are not installed (see above)." >&2; exit 1; }
eval "$tool_locations"
export ASR_NODE24_DIR
export PATH="$ASR_NODE24_DIR/bin:$PATH"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing the project's packages (npm ci)" >&2
  npm ci --no-audit --no-fund >&2 || { echo "[setup] npm ci failed: the project's packages are not installed (npm's message is above)." >&2; exit 1; }
fi
echo "[setup] ready in $(( $(date +%s) - setup_started )) s" >&2

exec node scripts/run-tests.mjs "$@"
