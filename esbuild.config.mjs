// Bundles the extension into dist/extension.js (CommonJS, Node target, `vscode` external), and the Azure SDK
// into dist/azureSdk.js, which dist/extension.js loads only when something first needs Azure.
//   node esbuild.config.mjs               development build (source maps, not minified)
//   node esbuild.config.mjs --production  release build (minified, linked source maps)
//   node esbuild.config.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Keeps the lazily loaded bundles out of the extension bundle: `require('./sdk')` in azureSdk.ts becomes
 * `require('./azureSdk.js')`, `require('./operations')` in operationsLoader.ts becomes `require('./operations.js')`.
 */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
      args.importer.endsWith('azureSdk.ts') ? { path: './azureSdk.js', external: true } : undefined,
    );
    build.onResolve({ filter: /^\.\/operations$/ }, (args) =>
      args.importer.endsWith('operationsLoader.ts') ? { path: './operations.js', external: true } : undefined,
    );
  },
};

/**
 * One `vscode` namespace object per bundle. For every file that does `import * as vscode from 'vscode'` (an external
 * CommonJS module), esbuild emits its own `__toESM(require("vscode"))`: a copy of VS Code's whole API object, one
 * getter per export, about 65 KiB of heap each (a heap snapshot of the extension host showed 60 of them, 3.8 MiB, for
 * the three bundles). Here every such import resolves to one module per bundle that re-exports `vscode` (one copy,
 * the same getters); `require('vscode')` calls (in dependencies) stay as they were.
 */
const VSCODE_NAMESPACE = 'vscode-namespace';
const vscodeOncePerBundle = {
  name: 'vscode-once-per-bundle',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.kind === 'import-statement' && args.namespace !== VSCODE_NAMESPACE ? { path: 'vscode', namespace: VSCODE_NAMESPACE } : undefined,
    );
    build.onLoad({ filter: /^vscode$/, namespace: VSCODE_NAMESPACE }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: { extension: 'src/extension.ts', azureSdk: 'src/azure/sdk/index.ts', operations: 'src/operations/index.ts' },
  bundle: true,
  outdir: 'dist',
  plugins: [lazyBundles, vscodeOncePerBundle],
  // The PowerShell scripts run on the process-server VM (src/registration/scripts) are inlined as strings.
  loader: { '.ps1': 'text' },
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? 'linked' : true,
  sourcesContent: !production,
  metafile: true,
  logLevel: 'info',
  legalComments: production ? 'linked' : 'inline',
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  const result = await esbuild.build(options);
  if (process.argv.includes('--analyze')) {
    console.log(await esbuild.analyzeMetafile(result.metafile));
  }
}
