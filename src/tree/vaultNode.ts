import * as vscode from 'vscode';
import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import type { HasInfrastructureTarget, InfrastructureTarget } from '../siteRecovery/infrastructureTarget';
import type { VaultInfo } from '../siteRecovery/model';
import { ContextValues } from './contextValues';
import { FabricNode } from './fabricNode';
import type { InfrastructureNode, TreeLoadContext } from './infrastructureNode';
import { EmptyNode } from './messageNode';
import { detailsTooltip } from './serverPresentation';

/** A Recovery Services vault; its children are its configuration servers and replication appliances (fabrics). */
export class VaultNode implements InfrastructureNode, HasInfrastructureTarget {
  readonly id: string;
  readonly infrastructureTarget: InfrastructureTarget;

  constructor(
    readonly parent: InfrastructureNode,
    readonly subscription: AzureSubscriptionContext,
    readonly vault: VaultInfo,
  ) {
    this.id = `vault${vault.id.toLowerCase()}`;
    this.infrastructureTarget = { kind: 'vault', subscription, vault };
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
    const fabrics = await context.services.forSubscription(this.subscription).fabrics.list(this.vault, context.signal);
    if (fabrics.length === 0) {
      return [new EmptyNode(this, vscode.l10n.t('No configuration servers or replication appliances'))];
    }
    return fabrics.map((fabric) => new FabricNode(this, this.subscription, fabric, context.now));
  }

  reload(context: TreeLoadContext): Promise<void> {
    context.deployedVms.forget(this.vault.id, this.vault.subscriptionId);
    return Promise.resolve();
  }
}
