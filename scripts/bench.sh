#!/usr/bin/env bash
# `npm run bench`: measures the extension's size and speed in one run and ends with one table of every figure against
# its target (`bench: N/M targets met`). Each bench prints its details and appends its rows to one results file
# (test/bench/benchTable.ts); the last step prints the table from it. Figures, never pass/fail on speed (these
# machines are noisy): the command fails only when a bench could not measure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib/use-test-tools.sh
use_test_tools "npm run bench"
npx tsc -p .
npm run --silent package >/dev/null
ASR_BENCH_RESULTS="$(mktemp "${TMPDIR:-/tmp}/asr-bench-results.XXXXXX")"
export ASR_BENCH_RESULTS
trap 'rm -f "$ASR_BENCH_RESULTS"' EXIT
failed=()
# Activation (fresh code-server profiles, beside a trivial extension), the sizes of the bundle and the VSIX.
node out/test/bench/activationBench.js || failed+=(activationBench)
# One emulator and one extension host: activation's files, the tree at scale, the wizard, the deployments, memory.
node out/test/bench/extensionHostBench.js || failed+=(extensionHostBench)
ASR_BENCH_FAILED="${failed[*]:-}" node out/test/bench/printBenchTable.js
[ "${#failed[@]}" -eq 0 ]
