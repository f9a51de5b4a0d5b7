// Bundles the extension: dist/extension.js (the activation entry; CommonJS, Node target, `vscode` external) and the
// bundles it loads on first use: dist/session.js (the tree, the services), dist/operations.js and dist/azureSdk.js.
//   node esbuild.config.mjs               development build (source maps, not minified)
//   node esbuild.config.mjs --production  release build (minified, linked source maps)
//   node esbuild.config.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import ts from 'typescript';

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

/**
 * Bundles V8 can hold as one-byte strings. V8 keeps a script's source for as long as its functions live, one byte per
 * character when every character is Latin-1, two bytes otherwise. esbuild escapes non-ASCII characters in strings,
 * templates and identifiers but leaves regular expression literals as they are, and one in a dependency of
 * `@azure/identity` (powershell-utils: `/['‘’‚‛]/g`) made the whole of dist/azureSdk.js (3.1 MiB) a two-byte
 * string, 3.1 MiB of heap for nothing. This plugin escapes non-ASCII characters in the regular expression literals of
 * dependencies (`\uXXXX`, which matches the same in every mode, surrogate pairs included); `checkOneByte` fails a
 * build whose output still holds a character beyond Latin-1.
 */
const asciiRegExps = {
  name: 'ascii-regexps',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      if (!/[\u0080-\uffff]/.test(source)) {
        return undefined;
      }
      const file = ts.createSourceFile(args.path, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
      const literals = [];
      const visit = (node) => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral && /[\u0080-\uffff]/.test(node.text)) {
          literals.push(node);
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      if (literals.length === 0) {
        return undefined;
      }
      let contents = '';
      let at = 0;
      for (const literal of literals) {
        const start = literal.getStart(file);
        contents += source.slice(at, start) + escapeRegExpLiteral(literal.text);
        at = literal.end;
      }
      return { contents: contents + source.slice(at), loader: 'js' };
    });
  },
};

/** A regular expression literal with its non-ASCII characters as `\uXXXX` (an identity escape `\‘` included). */
function escapeRegExpLiteral(literal) {
  let escaped = '';
  for (let i = 0; i < literal.length; i += 1) {
    const char = literal[i];
    const next = literal[i + 1] ?? '';
    if (char === '\\' && next.charCodeAt(0) > 0x7f) {
      // `\‘` (outside Unicode mode, the character itself) becomes the escape alone.
      continue;
    }
    if (char === '\\') {
      escaped += char + next;
      i += 1;
    } else {
      escaped += char.charCodeAt(0) > 0x7f ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : char;
    }
  }
  return escaped;
}

/** Fails the build when an output bundle holds a character beyond Latin-1 (see asciiRegExps). */
const checkOneByte = {
  name: 'check-one-byte',
  setup(build) {
    build.onEnd((result) => {
      const errors = [];
      for (const file of Object.keys(result.metafile?.outputs ?? {}).filter((output) => output.endsWith('.js'))) {
        const text = fs.readFileSync(file, 'utf8');
        const at = text.search(/[\u0100-\uffff]/);
        if (at >= 0) {
          errors.push({
            text: `${file} holds a character beyond Latin-1 at offset ${at} (${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}): V8 would keep the whole bundle as a two-byte string`,
          });
        }
      }
      return { errors };
    });
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
  plugins: [lazyBundles, vscodeOncePerBundle, asciiRegExps, checkOneByte],
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
