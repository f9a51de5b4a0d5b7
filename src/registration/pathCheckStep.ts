import * as vscode from 'vscode';
import { plannedResourceOf, ResourceTypes } from '../deployment/deploymentPlan';
import type { DeploymentRun, ExecuteStep } from '../deployment/executeStep';
import { pollingOf } from '../deployment/executeStep';
import { checkPathFromVm } from './pathCheck';

/** Thrown when the path to the configuration server does not hold: registration would fail, so it does not start. */
export class PathCheckFailedError extends Error {
  constructor(
    message: string,
    readonly table: readonly string[],
  ) {
    super(message);
    this.name = 'PathCheckFailedError';
  }
}

/** The deployment's step that checks the path from the new VM (pathCheck.ts) and stops it when a check fails. */
export class PathCheckStep implements ExecuteStep {
  readonly id = 'pathCheck';
  readonly dependsOn = ['virtualMachine'] as const;
  readonly label: string;

  constructor(address: string) {
    this.label = vscode.l10n.t('Checking the path to the configuration server {0}', address);
  }

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    const { address, port } = run.plan.configurationServer;
    const vm = plannedResourceOf(run.plan, ResourceTypes.virtualMachine);
    const nic = plannedResourceOf(run.plan, ResourceTypes.networkInterface);
    const { verdict, table } = await checkPathFromVm(
      run.services.deployment,
      vm,
      nic.id,
      { address, port, dataTransferPort: run.plan.processServer.dataTransferPort },
      pollingOf(run, signal),
    );
    run.log(vscode.l10n.t('Path from the process server to the configuration server {0}:', address));
    for (const line of table) {
      run.log(`  ${line}`);
    }
    if (verdict.cause !== undefined) {
      throw new PathCheckFailedError(vscode.l10n.t('The path check failed, so the registration did not start. {0}', verdict.cause), table);
    }
  }
}
