#!/usr/bin/env bash
# The executable handed to @vscode/test-electron's runTests as vscodeExecutablePath: it stands in for desktop
# VS Code, which cannot be had on these machines, and runs the tests in code-server instead.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec node "$here/../../out/test/vscode/extensionHostLauncher.js" "$@"
