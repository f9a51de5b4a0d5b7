import * as vscode from 'vscode';
import type { AzureClients } from '../azure/azureClients';
import { toSiteRecoveryFabric } from '../siteRecovery/fabricMapping';
import type { VaultInfo } from '../siteRecovery/model';
import { collect } from '../util/collect';
import { ContextValues } from './contextValues';
import { FabricNode } from './fabricNode';
import type { InfrastructureNode, TreeLoadContext } from './infrastructureNode';
import { EmptyNode } from './messageNode';
import { detailsTooltip } from './serverPresentation';

/** A Recovery Services vault; its children are its configuration servers and replication appliances (fabrics). */
export class VaultNode implements InfrastructureNode {
  readonly id: string;

  constructor(
    readonly parent: InfrastructureNode,
    readonly clients: AzureClients,
    readonly vault: VaultInfo,
  ) {
    this.id = `vault${vault.id.toLowerCase()}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.vault.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = ContextValues.vault;
    item.description = this.vault.location;
    item.iconPath = new vscode.ThemeIcon('shield');
    item.tooltip = detailsTooltip(this.vault.name, [
      [vscode.l10n.t('Resource group'), this.vault.resourceGroup],
      [vscode.l10n.t('Location'), this.vault.location],
      [vscode.l10n.t('Resource ID'), this.vault.id],
    ]);
    return item;
  }

  async loadChildren(context: TreeLoadContext): Promise<InfrastructureNode[]> {
    const fabrics = await context.limiter.run(() =>
      collect(this.clients.siteRecovery().replicationFabrics.list(this.vault.name, this.vault.resourceGroup)),
    );
    if (fabrics.length === 0) {
      return [new EmptyNode(this, vscode.l10n.t('No configuration servers or replication appliances'))];
    }
    return fabrics
      .map((fabric) => new FabricNode(this, toSiteRecoveryFabric(fabric, this.vault), context.now))
      .sort((a, b) => a.fabric.friendlyName.localeCompare(b.fabric.friendlyName));
  }
}
