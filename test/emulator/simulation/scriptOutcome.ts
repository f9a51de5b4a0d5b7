/** What a simulated script run on a VM produces. */

/** Exit code, stdout and stderr of a script, and work to do after it (e.g. a process server appearing later). */
export interface ScriptOutcome {
  readonly exitCode: number;
  readonly output: string;
  readonly error: string;
  /** Runs once the run command has finished successfully; `delayMs` later when given. */
  readonly followUp?: { readonly delayMs: number; readonly action: () => void };
}

/** Marker line of the registration script (README: "Simulated on-premises side"). */
export const REGISTER_MARKER = '# asr-failback:register-process-server';
/** Marker line of the unregistration script. */
export const UNREGISTER_MARKER = '# asr-failback:unregister-process-server';
