/**
 * The PowerShell scripts the extension runs on a process-server VM by managed Run Command, as text. esbuild's text
 * loader (esbuild.config.mjs) inlines the .ps1 files into the bundle; plain Node cannot load this module (tsc emits
 * `require('./scripts/x.ps1')`), so tests read the files from disk and take the markers from scriptMarkers.ts.
 */
import checkPathScript from './scripts/checkPathToConfigurationServer.ps1';
import registerProcessServerScript from './scripts/registerProcessServer.ps1';
import unregisterProcessServerScript from './scripts/unregisterProcessServer.ps1';

export { CHECK_PATH_MARKER, PATH_CHECK_RESULT_PREFIX, REGISTER_PROCESS_SERVER_MARKER, UNREGISTER_PROCESS_SERVER_MARKER } from './scriptMarkers';

/** Installs the process server with Unified Setup and registers it with the configuration server (scripts/registerProcessServer.ps1). */
export const REGISTER_PROCESS_SERVER_SCRIPT: string = registerProcessServerScript;

/** Checks name resolution, the configuration server's port and the data transfer port (scripts/checkPathToConfigurationServer.ps1). */
export const CHECK_PATH_SCRIPT: string = checkPathScript;

/** Uninstalls the process server's products from the VM, which unregisters it from the configuration server (scripts/unregisterProcessServer.ps1). */
export const UNREGISTER_PROCESS_SERVER_SCRIPT: string = unregisterProcessServerScript;
