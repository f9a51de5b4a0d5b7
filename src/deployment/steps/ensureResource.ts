import * as vscode from 'vscode';
import { DEPLOYMENT_ID_TAG } from '../resourceTags';
import type { PlannedResource } from '../deploymentPlan';
import type { DeploymentRun } from '../executeStep';

/** What `ensureResource` needs to know about one kind of resource. */
export interface ResourceOperations<T> {
  /** The resource as Azure has it now, or undefined. */
  read(): Promise<T | undefined>;
  /** Creates it as the plan says, waiting for Azure to finish. */
  create(): Promise<T>;
  /** Why an existing resource of this deployment does not match the plan, or undefined when it does. */
  mismatch?(existing: T): string | undefined;
}

/** The tags of an SDK resource model. */
interface Tagged {
  readonly tags?: Record<string, string>;
}

/**
 * Creates a planned resource, or adopts it when it already exists because an earlier run of this same deployment
 * created it (its deployment-id tag) and it matches the plan. A resource by that name that this deployment did not
 * create is never touched: the step fails, saying so. The ledger notes the resource before the create call is sent
 * and again once Azure reports it created, so that a rollback removes exactly what this deployment made.
 */
export async function ensureResource<T extends Tagged>(run: DeploymentRun, planned: PlannedResource, operations: ResourceOperations<T>): Promise<T> {
  const { plan, ledger } = run;
  const existing = await operations.read();
  if (existing !== undefined) {
    if (existing.tags?.[DEPLOYMENT_ID_TAG] !== plan.deploymentId) {
      throw new Error(
        vscode.l10n.t(
          '{0} already exists and this deployment did not create it, so it was left as it is. Roll back, then run "Add Process Server in Azure" again with another name.',
          planned.id,
        ),
      );
    }
    const mismatch = operations.mismatch?.(existing);
    if (mismatch !== undefined) {
      throw new Error(vscode.l10n.t('{0} was created by this deployment but no longer matches its plan: {1}', planned.id, mismatch));
    }
    await ledger.recordResource(plan.deploymentId, { id: planned.id, type: planned.type, state: 'created' });
    run.log(vscode.l10n.t('Adopted {0}: it exists already, created by this deployment, and matches the plan.', planned.id));
    return existing;
  }
  await ledger.recordResource(plan.deploymentId, { id: planned.id, type: planned.type, state: 'requested' });
  const created = await operations.create();
  await ledger.recordResource(plan.deploymentId, { id: planned.id, type: planned.type, state: 'created' });
  run.log(vscode.l10n.t('Created {0}.', planned.id));
  return created;
}
