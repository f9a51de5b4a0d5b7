import type * as SessionBundle from './session';

export type { SessionBundle };

let loaded: typeof SessionBundle | undefined;

/**
 * The session bundle, loaded the first time the view lists or a command runs. esbuild maps `./session` to the separate
 * bundle dist/session.js (see esbuild.config.mjs); under tsc it is out/src/session.
 */
export function loadSession(): typeof SessionBundle {
  // A deliberate lazy require: an `import` would put the tree and the services on the activation path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./session') as typeof SessionBundle;
  return loaded;
}
