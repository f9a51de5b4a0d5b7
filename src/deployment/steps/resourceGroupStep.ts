import * as vscode from 'vscode';
import { plannedResourceOf, ResourceTypes } from '../deploymentPlan';
import type { DeploymentRun, ExecuteStep } from '../executeStep';
import { ensureResource } from './ensureResource';

/** Creates the new resource group the plan names, tagged as this deployment's. */
export class ResourceGroupStep implements ExecuteStep {
  readonly id = 'resourceGroup';
  readonly dependsOn = [];
  readonly label: string;

  constructor(private readonly name: string) {
    this.label = vscode.l10n.t('Creating the resource group {0}', name);
  }

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    const planned = plannedResourceOf(run.plan, ResourceTypes.resourceGroup);
    const { deployment } = run.services;
    await ensureResource(run, planned, {
      read: () => deployment.getResourceGroup(this.name, signal),
      create: () => deployment.createResourceGroup(this.name, { location: planned.location, tags: planned.tags }, signal),
    });
  }
}
