/** What a simulated script run on a VM produces. */
import type { HoldKind } from '../control/holds';

/** Exit code, stdout and stderr of a script, and work to do after it (e.g. a process server appearing later). */
export interface ScriptOutcome {
  readonly exitCode: number;
  readonly output: string;
  readonly error: string;
  /** Runs `delayMs` after the run command has finished successfully (a test's hold of `kind` can keep it pending). */
  readonly followUp?: { readonly delayMs: number; readonly action: () => void; readonly kind: HoldKind; readonly description: string };
}

/** Marker line of the registration script (README: "Simulated on-premises side"). */
export const REGISTER_MARKER = '# asr-failback:register-process-server';
/** Marker line of the unregistration script (src/registration/scripts/unregisterProcessServer.ps1). */
export const UNREGISTER_MARKER = '# asr-failback:unregister-process-server';
/** Marker line of the path-check script (src/registration/scripts/checkPathToConfigurationServer.ps1). */
export const CHECK_PATH_MARKER = '# asr-failback:check-path-to-configuration-server';
/** What the path check's last stdout line starts with; one line of JSON follows. */
export const PATH_CHECK_RESULT_PREFIX = 'ASR-FAILBACK-PATH-CHECK ';
