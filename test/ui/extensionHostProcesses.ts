import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Test measurement (Linux /proc): the extension host processes of one code-server, told apart from other instances' by
 * the HOME each code-server gives its processes (its own throwaway folder, which they inherit).
 */
export function extensionHostProcessIds(codeServerRootDir: string): number[] {
  const home = `HOME=${path.join(codeServerRootDir, 'home')}`;
  const ids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!commandLine.includes('--type=extensionHost')) {
        continue;
      }
      if (fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(home)) {
        ids.push(Number(entry));
      }
    } catch {
      // The process ended while it was read.
    }
  }
  return ids;
}

/**
 * Whether a process id is taken, as the extension's recovery asks it (`process.kill(pid, 0)`: a zombie not yet reaped
 * by its parent still counts), with its state letter from /proc for the record.
 */
export function processState(processId: number): { readonly exists: boolean; readonly state?: string } {
  try {
    process.kill(processId, 0);
  } catch {
    return { exists: false };
  }
  try {
    const stat = fs.readFileSync(`/proc/${String(processId)}/stat`, 'utf8');
    return { exists: true, state: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] };
  } catch {
    return { exists: true };
  }
}

/**
 * Watches until a process ends (polling /proc, a measurement running beside the test, never something the test
 * waits on by time) and records how long after `since` that was.
 */
export class ProcessEndWatch {
  private endedAt: number | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly processId: number,
    private readonly since: number,
  ) {
    this.timer = setInterval(() => {
      if (!processState(processId).exists) {
        this.endedAt = Date.now();
        clearInterval(this.timer);
      }
    }, 50);
  }

  /** Milliseconds from `since` to the process's end, or undefined while it runs. */
  endedAfterMs(): number | undefined {
    return this.endedAt === undefined ? undefined : this.endedAt - this.since;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
