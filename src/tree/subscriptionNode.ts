import * as vscode from 'vscode';
import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import type { HasInfrastructureTarget, InfrastructureTarget } from '../siteRecovery/infrastructureTarget';
import { ContextValues } from './contextValues';
import type { InfrastructureNode, TreeLoadContext } from './infrastructureNode';
import { EmptyNode } from './messageNode';
import { detailsTooltip } from './serverPresentation';
import { VaultNode } from './vaultNode';

/** An Azure subscription; its children are the Recovery Services vaults in it (one paged listing). */
export class SubscriptionNode implements InfrastructureNode, HasInfrastructureTarget {
  readonly id: string;
  readonly parent = undefined;
  readonly infrastructureTarget: InfrastructureTarget;

  constructor(readonly subscription: AzureSubscriptionContext) {
    this.id = `subscription/${subscription.subscriptionId}`;
    this.infrastructureTarget = { kind: 'subscription', subscription };
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.subscription.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.contextValue = ContextValues.subscription;
    item.iconPath = new vscode.ThemeIcon('azure');
    item.tooltip = detailsTooltip(this.subscription.name, [
      [vscode.l10n.t('Subscription ID'), this.subscription.subscriptionId],
      [vscode.l10n.t('Tenant ID'), this.subscription.tenantId],
    ]);
    return item;
  }

  async loadChildren(context: TreeLoadContext): Promise<InfrastructureNode[]> {
    const listing = await context.services.forSubscription(this.subscription).vaults.list(context.signal);
    if (listing.kind === 'providerNotRegistered') {
      return [new EmptyNode(this, vscode.l10n.t('No Recovery Services vaults (Microsoft.RecoveryServices is not registered)'))];
    }
    if (listing.vaults.length === 0) {
      return [new EmptyNode(this, vscode.l10n.t('No Recovery Services vaults'))];
    }
    return listing.vaults.map((vault) => new VaultNode(this, this.subscription, vault));
  }

  reload(context: TreeLoadContext): Promise<void> {
    context.deployedVms.forget(`/subscriptions/${this.subscription.subscriptionId}`, this.subscription.subscriptionId);
    return Promise.resolve();
  }
}
