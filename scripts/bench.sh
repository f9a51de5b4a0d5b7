#!/usr/bin/env bash
# `npm run bench`: prints the extension's size and speed figures (never pass/fail; these machines are noisy).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash scripts/setup-test-env.sh)"
export ASR_NODE24_DIR
export PATH="$ASR_NODE24_DIR/bin:$PATH"
[ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund >&2
npx tsc -p .
npm run --silent package >/dev/null
node out/test/bench/activationBench.js
node out/test/bench/treeBench.js
