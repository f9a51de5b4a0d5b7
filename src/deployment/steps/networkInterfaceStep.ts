import * as vscode from 'vscode';
import type { AzureSdk } from '../../azure/azureSdk';
import { plannedResourceOf, ResourceTypes } from '../deploymentPlan';
import type { DeploymentStepId } from '../deploymentLedger';
import { pollingOf, type DeploymentRun, type ExecuteStep } from '../executeStep';
import { ensureResource } from './ensureResource';

/** Creates the process server's NIC: the static private IP the configuration server will know it by, no public IP. */
export class NetworkInterfaceStep implements ExecuteStep {
  readonly id = 'networkInterface';
  readonly label: string;

  constructor(
    name: string,
    private readonly staticIpAddress: string,
    readonly dependsOn: readonly DeploymentStepId[],
  ) {
    this.label = vscode.l10n.t('Creating the network interface {0} ({1})', name, staticIpAddress);
  }

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    const planned = plannedResourceOf(run.plan, ResourceTypes.networkInterface);
    const { deployment } = run.services;
    await ensureResource(run, planned, {
      read: () => deployment.getNetworkInterface(planned.id, signal),
      create: () =>
        deployment.createNetworkInterface(
          planned.id,
          { ...(planned.properties as Partial<AzureSdk.NetworkInterface>), location: planned.location, tags: planned.tags },
          pollingOf(run, signal),
        ),
      mismatch: (existing) => {
        const address = existing.ipConfigurations?.at(0)?.privateIPAddress;
        return address === this.staticIpAddress ? undefined : vscode.l10n.t('its private IP address is {0}, the plan says {1}', address ?? '-', this.staticIpAddress);
      },
    });
  }
}
