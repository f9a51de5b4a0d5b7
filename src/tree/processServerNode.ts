import * as vscode from 'vscode';
import type { ManagedProcessServerVm } from '../deployment/managedProcessServerVm';
import type { HasInfrastructureTarget, InfrastructureTarget } from '../siteRecovery/infrastructureTarget';
import type { ProcessServerInfo } from '../siteRecovery/model';
import { ContextValues } from './contextValues';
import type { FabricNode } from './fabricNode';
import type { InfrastructureNode } from './infrastructureNode';
import { detailsTooltip, healthIcon, healthLabel, heartbeatLabel, joinDescription } from './serverPresentation';

/** A process server as its configuration server or replication appliance reports it. */
export class ProcessServerNode implements InfrastructureNode, HasInfrastructureTarget {
  readonly id: string;

  constructor(
    readonly parent: FabricNode,
    readonly server: ProcessServerInfo,
    /** The VM behind it, when this extension deployed it. */
    readonly deployedVm: ManagedProcessServerVm | undefined,
    private readonly now: () => Date,
  ) {
    this.id = `${parent.id}/processServer/${server.id.toLowerCase()}`;
  }

  get infrastructureTarget(): InfrastructureTarget {
    const { subscription, fabric } = this.parent;
    return { kind: 'processServer', subscription, vault: fabric.vault, fabric, server: this.server, deployedVm: this.deployedVm };
  }

  getTreeItem(): vscode.TreeItem {
    const { server } = this;
    const item = new vscode.TreeItem(server.friendlyName, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue =
      this.parent.fabric.kind === 'replicationAppliance'
        ? ContextValues.applianceProcessServer
        : this.deployedVm === undefined
          ? ContextValues.otherProcessServer
          : ContextValues.deployedProcessServer;
    item.iconPath = healthIcon(this.deployedVm === undefined ? 'server' : 'cloud', server.health);
    item.description = joinDescription([
      server.ipAddress,
      healthLabel(server.health),
      heartbeatLabel(server.lastHeartbeat, this.now()),
      server.machineCount === undefined ? undefined : vscode.l10n.t('{0} machines', server.machineCount),
      server.versionStatus,
      this.deployedVm === undefined ? undefined : vscode.l10n.t('deployed in Azure by this extension'),
    ]);
    item.tooltip = detailsTooltip(server.friendlyName, [
      [vscode.l10n.t('IP address'), server.ipAddress],
      [vscode.l10n.t('Health'), healthLabel(server.health)],
      [vscode.l10n.t('Health errors'), server.healthErrors.join('; ')],
      [vscode.l10n.t('Last heartbeat'), server.lastHeartbeat?.toLocaleString(vscode.env.language)],
      [vscode.l10n.t('Machines served'), server.machineCount],
      [vscode.l10n.t('Agent version'), server.agentVersion],
      [vscode.l10n.t('Version status'), server.versionStatus],
      [vscode.l10n.t('Service status'), server.serviceStatus],
      [vscode.l10n.t('Operating system'), server.osVersion],
      [vscode.l10n.t('Azure VM'), this.deployedVm?.id],
    ]);
    return item;
  }
}

/**
 * A VM this extension deployed for a configuration server that the configuration server does not report (yet):
 * still deploying, or deployed but not registered. Shown so that it can be finished or removed.
 */
export class UnregisteredDeploymentNode implements InfrastructureNode, HasInfrastructureTarget {
  readonly id: string;

  constructor(
    readonly parent: FabricNode,
    readonly deployedVm: ManagedProcessServerVm,
    /** What its deployment is doing now, when it runs in this window. */
    private readonly deploymentStep: string | undefined,
  ) {
    this.id = `${parent.id}/deployment/${deployedVm.id.toLowerCase()}`;
  }

  get infrastructureTarget(): InfrastructureTarget {
    const { subscription, fabric } = this.parent;
    return { kind: 'processServer', subscription, vault: fabric.vault, fabric, server: undefined, deployedVm: this.deployedVm };
  }

  getTreeItem(): vscode.TreeItem {
    const { deployedVm } = this;
    const deploying = this.deploymentStep !== undefined || (deployedVm.provisioningState !== undefined && deployedVm.provisioningState !== 'Succeeded');
    const item = new vscode.TreeItem(deployedVm.name, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = ContextValues.unregisteredProcessServer;
    item.iconPath = new vscode.ThemeIcon(deploying ? 'loading~spin' : 'cloud', new vscode.ThemeColor('list.warningForeground'));
    item.description = joinDescription([
      deploying
        ? vscode.l10n.t('deploying ({0})', this.deploymentStep ?? deployedVm.provisioningState ?? '')
        : vscode.l10n.t('not registered with the configuration server'),
      vscode.l10n.t('deployed in Azure by this extension'),
    ]);
    item.tooltip = detailsTooltip(deployedVm.name, [
      [vscode.l10n.t('Azure VM'), deployedVm.id],
      [vscode.l10n.t('Location'), deployedVm.location],
      [vscode.l10n.t('Provisioning state'), deployedVm.provisioningState],
      [vscode.l10n.t('Deployment ID'), deployedVm.deploymentId],
    ]);
    return item;
  }
}
