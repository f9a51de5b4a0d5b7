/**
 * The lines that tie the registration scripts (scripts/*.ps1) to what reads their results: each script carries its
 * marker line (the emulator's simulated on-premises side recognises a script by it), and the path check's last stdout
 * line starts with its result prefix. Kept apart from registrationScripts.ts, which imports the .ps1 texts through the
 * bundler, so that code running in plain Node can use them.
 */

/** Marker line of scripts/registerProcessServer.ps1. */
export const REGISTER_PROCESS_SERVER_MARKER = '# asr-failback:register-process-server';

/** Marker line of scripts/unregisterProcessServer.ps1. */
export const UNREGISTER_PROCESS_SERVER_MARKER = '# asr-failback:unregister-process-server';

/** Marker line of scripts/checkPathToConfigurationServer.ps1. */
export const CHECK_PATH_MARKER = '# asr-failback:check-path-to-configuration-server';

/** What the path check's last stdout line starts with; one line of JSON follows. */
export const PATH_CHECK_RESULT_PREFIX = 'ASR-FAILBACK-PATH-CHECK ';
