#!/usr/bin/env bash
# The one test command (`npm test`): installs what the tests need on this machine (scripts/setup-test-env.sh),
# installs the project's packages, then runs every layer through scripts/run-tests.mjs, under Node 24.
#   npm test                          every layer
#   npm test -- --layers node,ui      some layers (typecheck, lint, package, node, extension-host, ui)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib/use-test-tools.sh
use_test_tools "npm test"
exec node scripts/run-tests.mjs "$@"
