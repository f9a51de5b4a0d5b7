import type * as AzureSdk from './sdk';

export type { AzureSdk };

let loaded: typeof AzureSdk | undefined;

/**
 * The Azure SDK, loaded the first time something needs Azure. esbuild maps `./sdk` to the separate bundle
 * dist/azureSdk.js (see esbuild.config.mjs); under tsc it is out/src/azure/sdk.
 */
export function loadAzureSdk(): typeof AzureSdk {
  // A deliberate lazy require: an `import` would put the SDK (megabytes) on the activation path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./sdk') as typeof AzureSdk;
  return loaded;
}
