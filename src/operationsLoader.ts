import type * as Operations from './operations';

export type { Operations };

let loaded: typeof Operations | undefined;

/**
 * The operations bundle (add, deploy, resume, diagnose, re-register, remove), loaded the first time one runs. esbuild
 * maps `./operations` to the separate bundle dist/operations.js (see esbuild.config.mjs); under tsc it is
 * out/src/operations.
 */
export function loadOperations(): typeof Operations {
  // A deliberate lazy require: an `import` would put the wizard and the deployment on the activation path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./operations') as typeof Operations;
  return loaded;
}
