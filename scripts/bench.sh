#!/usr/bin/env bash
# `npm run bench`: prints the extension's size and speed figures (never pass/fail; these machines are noisy).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib/use-test-tools.sh
use_test_tools "npm run bench"
npx tsc -p .
npm run --silent package >/dev/null
node out/test/bench/activationBench.js
node out/test/bench/treeBench.js
node out/test/bench/deployBench.js
