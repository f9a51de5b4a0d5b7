import type * as vscode from 'vscode';
import type { DeploymentPlan } from './deploymentPlan';

/** The units a deployment is made of, in the order the user reads them. */
export type DeploymentStepId =
  | 'providers'
  | 'resourceGroup'
  | 'storageAccount'
  | 'networkInterface'
  | 'virtualMachine'
  | 'pathCheck'
  | 'registration'
  | 'heartbeat';

/**
 * One resource this deployment creates: `requested` once its create call is about to be sent (it may exist or not),
 * `created` once Azure said it succeeded. Only these are ever removed by a rollback.
 */
export interface LedgerResource {
  readonly id: string;
  readonly type: string;
  readonly state: 'requested' | 'created';
}

/**
 * Where a deployment stands: `running` while an extension host works on it (`ownerProcessId`); `failed` and
 * `cancelled` wait for the user to resume or roll back; `kept` is a failed one the user chose to keep as it is.
 */
export type DeploymentState = 'running' | 'failed' | 'cancelled' | 'kept' | 'succeeded' | 'rolledBack';

/** A deployment's record: its plan (no secret), what it created, and which steps are done. */
export interface DeploymentRecord {
  readonly plan: DeploymentPlan;
  readonly state: DeploymentState;
  /** The extension host process that runs it while `running`: a record whose process is gone was interrupted. */
  readonly ownerProcessId: number;
  readonly updatedAt: string;
  readonly resources: readonly LedgerResource[];
  readonly completedSteps: readonly DeploymentStepId[];
  /** The step that failed, with Azure's code and message. */
  readonly failure?: { readonly stepId: DeploymentStepId; readonly code: string | undefined; readonly message: string };
}

const LEDGER_KEY = 'asrFailback.deployments';

/** Deployments whose record is kept after they ended (newest first), so that the list stays small. */
const ENDED_RECORDS_KEPT = 20;

function hasEnded(record: DeploymentRecord): boolean {
  return record.state === 'succeeded' || record.state === 'rolledBack';
}

/**
 * The deployments' ledger, in VS Code's global state (shared by the user's windows), keyed by deployment id. Writes
 * are queued one after another, so that two steps finishing together never lose each other's record.
 */
export class DeploymentLedger {
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly state: vscode.Memento) {}

  all(): DeploymentRecord[] {
    return Object.values(this.state.get<Record<string, DeploymentRecord>>(LEDGER_KEY, {}));
  }

  get(deploymentId: string): DeploymentRecord | undefined {
    return this.state.get<Record<string, DeploymentRecord>>(LEDGER_KEY, {})[deploymentId];
  }

  /** Starts (or takes over) the record of `plan`'s deployment for this extension host. */
  begin(plan: DeploymentPlan): Promise<DeploymentRecord> {
    return this.change(plan.deploymentId, (record) => ({
      plan,
      resources: record?.resources ?? [],
      completedSteps: record?.completedSteps ?? [],
      state: 'running',
      ownerProcessId: process.pid,
      updatedAt: new Date().toISOString(),
    }));
  }

  /**
   * Marks a record as running in another extension host: the state a window that crashed mid-deployment leaves (the
   * extension's tests use it to recover a deployment without killing their own extension host).
   */
  markRunningBy(deploymentId: string, ownerProcessId: number): Promise<DeploymentRecord> {
    return this.changeExisting(deploymentId, (record) => ({ ...record, state: 'running', ownerProcessId }));
  }

  /** Notes a resource as requested (before its create call) or created (after it). */
  recordResource(deploymentId: string, resource: LedgerResource): Promise<DeploymentRecord> {
    return this.changeExisting(deploymentId, (record) => ({
      ...record,
      resources: [...record.resources.filter((known) => known.id.toLowerCase() !== resource.id.toLowerCase()), resource],
    }));
  }

  /** Forgets a resource a rollback removed (or found gone). */
  forgetResource(deploymentId: string, resourceId: string): Promise<DeploymentRecord> {
    return this.changeExisting(deploymentId, (record) => ({
      ...record,
      resources: record.resources.filter((known) => known.id.toLowerCase() !== resourceId.toLowerCase()),
    }));
  }

  completeStep(deploymentId: string, stepId: DeploymentStepId): Promise<DeploymentRecord> {
    return this.changeExisting(deploymentId, (record) => ({
      ...record,
      completedSteps: record.completedSteps.includes(stepId) ? record.completedSteps : [...record.completedSteps, stepId],
    }));
  }

  end(deploymentId: string, state: Exclude<DeploymentState, 'running'>, failure?: DeploymentRecord['failure']): Promise<DeploymentRecord> {
    return this.changeExisting(deploymentId, ({ plan, ownerProcessId, updatedAt, resources, completedSteps }) => ({
      plan,
      ownerProcessId,
      updatedAt,
      resources,
      completedSteps,
      state,
      ...(failure === undefined ? {} : { failure }),
    }));
  }

  private changeExisting(deploymentId: string, change: (record: DeploymentRecord) => DeploymentRecord): Promise<DeploymentRecord> {
    return this.change(deploymentId, (record) => {
      if (record === undefined) {
        throw new Error(`The deployment ${deploymentId} has no record in the ledger.`);
      }
      return change(record);
    });
  }

  private change(deploymentId: string, change: (record: DeploymentRecord | undefined) => DeploymentRecord): Promise<DeploymentRecord> {
    const written = this.writes.then(async () => {
      const records = { ...this.state.get<Record<string, DeploymentRecord>>(LEDGER_KEY, {}) };
      const updated = { ...change(records[deploymentId]), updatedAt: new Date().toISOString() };
      records[deploymentId] = updated;
      await this.state.update(LEDGER_KEY, pruned(records));
      return updated;
    });
    this.writes = written.then(
      () => undefined,
      () => undefined,
    );
    return written;
  }
}

/** The records to keep: every unfinished one, and the newest ended ones. */
function pruned(records: Record<string, DeploymentRecord>): Record<string, DeploymentRecord> {
  const ended = Object.entries(records)
    .filter(([, record]) => hasEnded(record))
    .sort(([, a], [, b]) => b.updatedAt.localeCompare(a.updatedAt));
  const dropped = new Set(ended.slice(ENDED_RECORDS_KEPT).map(([id]) => id));
  return Object.fromEntries(Object.entries(records).filter(([id]) => !dropped.has(id)));
}

/** Whether the extension host that ran a `running` deployment is gone (a window reload, a crash). */
export function wasInterrupted(record: DeploymentRecord): boolean {
  if (record.state !== 'running') {
    return false;
  }
  if (record.ownerProcessId === process.pid) {
    return false;
  }
  try {
    process.kill(record.ownerProcessId, 0);
    return false;
  } catch (error) {
    // ESRCH: no such process. EPERM: it exists (another user's): not ours to take over.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
