import * as vscode from 'vscode';
import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import { isSameProcessServer } from '../deployment/managedProcessServerVm';
import type { HasInfrastructureTarget, InfrastructureTarget } from '../siteRecovery/infrastructureTarget';
import type { SiteRecoveryFabric } from '../siteRecovery/model';
import { ContextValues } from './contextValues';
import type { InfrastructureNode, TreeLoadContext } from './infrastructureNode';
import { EmptyNode } from './messageNode';
import { ProcessServerNode, UnregisteredDeploymentNode } from './processServerNode';
import { detailsTooltip, healthIcon, healthLabel, heartbeatLabel, joinDescription } from './serverPresentation';

/**
 * A configuration server (classic, fabric `VMware`) or a replication appliance (modernized, fabric `InMageRcm`).
 * Its process servers come with the fabric itself; the VMs this extension deployed for it come from the shared index.
 * A refresh re-reads this one fabric and the VM listings that can hold its deployed process servers, nothing else.
 */
export class FabricNode implements InfrastructureNode, HasInfrastructureTarget {
  readonly id: string;
  private current: SiteRecoveryFabric;

  constructor(
    readonly parent: InfrastructureNode,
    readonly subscription: AzureSubscriptionContext,
    fabric: SiteRecoveryFabric,
    private readonly now: () => Date,
  ) {
    this.id = `fabric${fabric.id.toLowerCase()}`;
    this.current = fabric;
  }

  /** The fabric as Site Recovery last reported it. */
  get fabric(): SiteRecoveryFabric {
    return this.current;
  }

  get infrastructureTarget(): InfrastructureTarget {
    return { kind: 'fabric', subscription: this.subscription, vault: this.current.vault, fabric: this.current };
  }

  async reload(context: TreeLoadContext): Promise<void> {
    const { vault, name, id } = this.current;
    context.deployedVms.forget(id, vault.subscriptionId);
    this.current = await context.services.forSubscription(this.subscription).fabrics.get(vault, name, context.signal);
  }

  getTreeItem(): vscode.TreeItem {
    const { fabric } = this;
    const collapsible =
      fabric.kind === 'other' ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(fabric.friendlyName, collapsible);
    item.id = this.id;
    if (fabric.kind === 'configurationServer') {
      item.contextValue = ContextValues.configurationServer;
      item.iconPath = healthIcon('server-environment', fabric.health);
      item.description = joinDescription([fabric.ipAddress, healthLabel(fabric.health), heartbeatLabel(fabric.lastHeartbeat, this.now()), fabric.versionStatus]);
    } else if (fabric.kind === 'replicationAppliance') {
      item.contextValue = ContextValues.replicationAppliance;
      item.iconPath = healthIcon('server-process', fabric.health);
      item.description = joinDescription([vscode.l10n.t('replication appliance (modernized)'), healthLabel(fabric.health)]);
    } else {
      item.contextValue = ContextValues.otherFabric;
      item.iconPath = new vscode.ThemeIcon('globe');
      item.description = fabric.instanceType;
    }
    item.tooltip = detailsTooltip(fabric.friendlyName, [
      [vscode.l10n.t('Kind'), this.kindLabel()],
      [vscode.l10n.t('Host name'), fabric.hostName],
      [vscode.l10n.t('IP address'), fabric.ipAddress],
      [vscode.l10n.t('Health'), healthLabel(fabric.health)],
      [vscode.l10n.t('Last heartbeat'), fabric.lastHeartbeat?.toLocaleString(vscode.env.language)],
      [vscode.l10n.t('Agent version'), fabric.agentVersion],
      [vscode.l10n.t('Version status'), fabric.versionStatus],
      [vscode.l10n.t('Protected servers'), fabric.protectedServers],
      [vscode.l10n.t('Process servers'), fabric.processServers.length],
      [vscode.l10n.t('Vault'), fabric.vault.name],
    ]);
    return item;
  }

  async loadChildren(context: TreeLoadContext): Promise<InfrastructureNode[]> {
    const { fabric } = this;
    if (fabric.kind === 'replicationAppliance') {
      return fabric.processServers.length === 0
        ? [new EmptyNode(this, vscode.l10n.t('No process servers'))]
        : fabric.processServers.map((server) => new ProcessServerNode(this, server, undefined, context.now));
    }
    const deployed = await context.deployedVms.forConfigurationServer(fabric.id, context.signal);
    const nodes: InfrastructureNode[] = fabric.processServers.map(
      (server) =>
        new ProcessServerNode(
          this,
          server,
          deployed.find((vm) => isSameProcessServer(vm, server)),
          context.now,
        ),
    );
    for (const vm of deployed) {
      if (!fabric.processServers.some((server) => isSameProcessServer(vm, server))) {
        nodes.push(new UnregisteredDeploymentNode(this, vm, context.deployments.stepOf(vm.deploymentId)));
      }
    }
    return nodes.length === 0 ? [new EmptyNode(this, vscode.l10n.t('No process servers'))] : nodes;
  }

  private kindLabel(): string {
    switch (this.fabric.kind) {
      case 'configurationServer':
        return vscode.l10n.t('Configuration server (classic)');
      case 'replicationAppliance':
        return vscode.l10n.t('Replication appliance (modernized)');
      case 'other':
        return this.fabric.instanceType;
    }
  }
}
