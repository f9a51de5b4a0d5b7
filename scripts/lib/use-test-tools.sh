# Sourced by test.sh, start.sh and bench.sh: installs what they need (scripts/setup-test-env.sh), puts Node 24 first
# on PATH and installs the project's packages when package-lock.json is newer than them. $1 names the command for the
# messages ("npm test", "npm start", "npm run bench").
use_test_tools() {
  local command_name="$1"
  local setup_started tool_locations
  setup_started=$(date +%s)
  # The setup prints where the tools are; when it stops, it has said what failed and what to do.
  tool_locations="$(bash scripts/setup-test-env.sh)" ||
    { echo "[setup] $command_name stopped: the test tools are not installed (see above)." >&2; exit 1; }
  eval "$tool_locations"
  export ASR_NODE24_DIR ASR_CODE_SERVER_BIN
  export PATH="$ASR_NODE24_DIR/bin:$PATH"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "[setup] installing the project's packages (npm ci)" >&2
    npm ci --no-audit --no-fund >&2 ||
      { echo "[setup] $command_name stopped: npm ci could not install the project's packages (npm's message is above)." >&2; exit 1; }
  fi
  echo "[setup] ready in $(( $(date +%s) - setup_started )) s" >&2
}
