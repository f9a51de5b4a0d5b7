import * as vscode from 'vscode';
import type { AzureAccount } from '../azure/azureAccount';
import { SignInRequiredError } from '../azure/signInRequiredError';
import { errorMessage } from '../commands/errorMessage';
import type { ExtensionLog } from '../logging/extensionLog';
import { ConcurrencyLimiter } from '../util/concurrencyLimiter';
import type { InfrastructureNode, TreeLoadContext } from './infrastructureNode';
import { ManagedDeploymentIndex } from './managedDeploymentIndex';
import { EmptyNode, LoadErrorNode } from './messageNode';
import { SubscriptionNode } from './subscriptionNode';

/** The id of the sidebar view, as contributed in package.json. */
export const INFRASTRUCTURE_VIEW_ID = 'asrFailback.infrastructure';
/** Context key the welcome view reads: true once the tree could list subscriptions. */
const SIGNED_IN_CONTEXT_KEY = 'asrFailback.signedIn';
/** How many Azure requests the tree has in flight at most. */
const MAX_PARALLEL_REQUESTS = 6;

/**
 * The sidebar tree: subscriptions > Recovery Services vaults > configuration servers / replication appliances >
 * process servers. Each level loads lazily when expanded, with one paged listing; a level whose call fails shows an
 * error node with "Retry" while the rest of the tree stays usable. Not signed in, it has no roots and VS Code shows
 * the welcome view with "Sign in to Azure".
 */
export class InfrastructureTreeDataProvider implements vscode.TreeDataProvider<InfrastructureNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<InfrastructureNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly context: TreeLoadContext;
  private readonly managedDeployments: ManagedDeploymentIndex;
  private readonly accountListener: vscode.Disposable;

  constructor(account: AzureAccount, log: ExtensionLog) {
    const limiter = new ConcurrencyLimiter(MAX_PARALLEL_REQUESTS);
    this.managedDeployments = new ManagedDeploymentIndex(limiter, log);
    this.context = { account, log, limiter, managedDeployments: this.managedDeployments, now: () => new Date() };
    this.accountListener = account.onDidChange(() => {
      this.refresh();
    });
  }

  getTreeItem(node: InfrastructureNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: InfrastructureNode): InfrastructureNode | undefined {
    return node.parent;
  }

  async getChildren(node?: InfrastructureNode): Promise<InfrastructureNode[]> {
    if (node === undefined) {
      return this.loadSubscriptions();
    }
    if (node.loadChildren === undefined) {
      return [];
    }
    try {
      return await node.loadChildren(this.context);
    } catch (error) {
      return [this.errorNode(node, error)];
    }
  }

  /** Loads a node's children again, or the whole tree (and the index of deployed VMs) when no node is given. */
  refresh(node?: InfrastructureNode): void {
    if (node === undefined || node.parent === undefined) {
      this.managedDeployments.invalidate();
    }
    this.changeEmitter.fire(node);
  }

  private async loadSubscriptions(): Promise<InfrastructureNode[]> {
    const { account, log } = this.context;
    try {
      const subscriptions = await account.listSubscriptions();
      this.managedDeployments.setSubscriptions(subscriptions);
      await vscode.commands.executeCommand('setContext', SIGNED_IN_CONTEXT_KEY, true);
      log.info(vscode.l10n.t('Listed {0} subscription(s).', subscriptions.length));
      if (subscriptions.length === 0) {
        return [new EmptyNode(undefined, vscode.l10n.t('No subscriptions (check the setting "asrFailback.selectedSubscriptions")'))];
      }
      return subscriptions.map((subscription) => new SubscriptionNode(subscription));
    } catch (error) {
      if (error instanceof SignInRequiredError) {
        await vscode.commands.executeCommand('setContext', SIGNED_IN_CONTEXT_KEY, false);
        return [];
      }
      await vscode.commands.executeCommand('setContext', SIGNED_IN_CONTEXT_KEY, true);
      return [this.errorNode(undefined, error)];
    }
  }

  private errorNode(node: InfrastructureNode | undefined, error: unknown): LoadErrorNode {
    const message = this.context.log.masker.mask(errorMessage(error));
    this.context.log.error(vscode.l10n.t('Loading {0} failed: {1}', node?.id ?? vscode.l10n.t('subscriptions'), message));
    return new LoadErrorNode(node, message);
  }

  dispose(): void {
    this.accountListener.dispose();
    this.changeEmitter.dispose();
  }
}
