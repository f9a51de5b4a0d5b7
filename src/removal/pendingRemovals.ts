import type * as vscode from 'vscode';
import type { LedgerResource } from '../deployment/deploymentLedger';

/** A removal that stopped part-way (a delete failed, or it was cancelled): what is still to go. */
export interface PendingRemoval {
  readonly deploymentId: string;
  readonly subscriptionId: string;
  /** The VM's name, to name the removal. */
  readonly serverName: string;
  readonly vmId: string;
  readonly resources: readonly LedgerResource[];
  readonly updatedAt: string;
}

const PENDING_REMOVALS_KEY = 'asrFailback.pendingRemovals';

/**
 * Removals to finish, in VS Code's global state, keyed by deployment id. Once the VM is gone the tree no longer shows
 * the process server, so "Remove Process Server…" offers these first; running one again finishes the job.
 */
export class PendingRemovals {
  constructor(private readonly state: vscode.Memento) {}

  all(): PendingRemoval[] {
    return Object.values(this.state.get<Record<string, PendingRemoval>>(PENDING_REMOVALS_KEY, {}));
  }

  async set(removal: PendingRemoval): Promise<void> {
    await this.state.update(PENDING_REMOVALS_KEY, { ...this.state.get<Record<string, PendingRemoval>>(PENDING_REMOVALS_KEY, {}), [removal.deploymentId]: removal });
  }

  async forget(deploymentId: string): Promise<void> {
    const left = Object.entries(this.state.get<Record<string, PendingRemoval>>(PENDING_REMOVALS_KEY, {})).filter(([id]) => id !== deploymentId);
    await this.state.update(PENDING_REMOVALS_KEY, Object.fromEntries(left));
  }
}
