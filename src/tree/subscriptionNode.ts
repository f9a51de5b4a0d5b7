import * as vscode from 'vscode';
import { AzureClients } from '../azure/azureClients';
import { azureErrorCode } from '../commands/errorMessage';
import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import { toVaultInfo } from '../siteRecovery/fabricMapping';
import { collect } from '../util/collect';
import { ContextValues } from './contextValues';
import type { InfrastructureNode, TreeLoadContext } from './infrastructureNode';
import { EmptyNode } from './messageNode';
import { detailsTooltip } from './serverPresentation';
import { VaultNode } from './vaultNode';

/** An Azure subscription; its children are the Recovery Services vaults in it (one paged listing). */
export class SubscriptionNode implements InfrastructureNode {
  readonly id: string;
  readonly parent = undefined;

  constructor(readonly subscription: AzureSubscriptionContext) {
    this.id = `subscription/${subscription.subscriptionId}`;
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
    const clients = new AzureClients(this.subscription);
    let vaults;
    try {
      vaults = await context.limiter.run(() => collect(clients.recoveryServices().vaults.listBySubscriptionId()));
    } catch (error) {
      // A subscription that never registered Microsoft.RecoveryServices cannot hold a vault.
      if (azureErrorCode(error) === 'MissingSubscriptionRegistration') {
        return [new EmptyNode(this, vscode.l10n.t('No Recovery Services vaults (Microsoft.RecoveryServices is not registered)'))];
      }
      throw error;
    }
    if (vaults.length === 0) {
      return [new EmptyNode(this, vscode.l10n.t('No Recovery Services vaults'))];
    }
    return vaults
      .map((vault) => new VaultNode(this, clients, toVaultInfo(vault)))
      .sort((a, b) => a.vault.name.localeCompare(b.vault.name));
  }
}
