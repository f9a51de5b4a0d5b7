// Bundles the extension: dist/extension.js (the activation entry; CommonJS, Node target, `vscode` external) and the
// bundles it loads on first use: dist/session.js (the tree, the services), dist/operations.js and dist/azureSdk.js.
//   node esbuild.config.mjs               development build (source maps, not minified)
//   node esbuild.config.mjs --production  release build (minified, linked source maps)
//   node esbuild.config.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Keeps the lazily loaded bundles out of the extension bundle: `require('./sdk')` in azureSdk.ts becomes
 * `require('./azureSdk.js')`, `require('./operations')` in operationsLoader.ts becomes `require('./operations.js')`,
 * `require('./session')` in sessionLoader.ts becomes `require('./session.js')`.
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
    build.onResolve({ filter: /^\.\/session$/ }, (args) =>
      args.importer.endsWith('sessionLoader.ts') ? { path: './session.js', external: true } : undefined,
    );
  },
};

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: {
    extension: 'src/extension.ts',
    session: 'src/session/index.ts',
    azureSdk: 'src/azure/sdk/index.ts',
    operations: 'src/operations/index.ts',
  },
  bundle: true,
  outdir: 'dist',
  plugins: [lazyBundles],
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
