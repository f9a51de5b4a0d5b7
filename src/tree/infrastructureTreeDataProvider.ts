import * as vscode from 'vscode';
import type { AzureAccount } from '../azure/azureAccount';
import { errorMessage, isAbortError } from '../azure/azureErrors';
import { SignInRequiredError } from '../azure/signInRequiredError';
import type { DeploymentActivity } from '../deployment/deploymentActivity';
import type { ExtensionLog } from '../logging/extensionLog';
import type { DeployedProcessServerIndex } from '../services/deployedProcessServerIndex';
import type { InfrastructureServices } from '../services/subscriptionServices';
import type { InfrastructureNode, TreeLoadContext } from './infrastructureNode';
import { FabricNode } from './fabricNode';
import { EmptyNode, LoadErrorNode } from './messageNode';
import { ProcessServerNode } from './processServerNode';
import { SubscriptionNode } from './subscriptionNode';

/** Context key the welcome view reads: true once the tree could list subscriptions. */
const SIGNED_IN_CONTEXT_KEY = 'asrFailback.signedIn';

function superseded(reason: string): DOMException {
  return new DOMException(reason, 'AbortError');
}

/**
 * The sidebar tree: subscriptions > Recovery Services vaults > configuration servers / replication appliances >
 * process servers. Each level loads lazily when expanded, with one paged listing through the services; a level whose
 * call fails shows an error node with "Retry" while the rest of the tree stays usable. A refresh reads again only the
 * refreshed node's part, and aborts that part's requests still in flight. Not signed in, it has no roots and VS Code
 * shows the welcome view with "Sign in to Azure".
 */
export class InfrastructureTreeDataProvider implements vscode.TreeDataProvider<InfrastructureNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<InfrastructureNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly accountListener: vscode.Disposable;
  /** Aborted by a refresh of the whole tree, and when the tree goes away. */
  private generation = new AbortController();
  /** The children loads in flight, by node id, so that a refresh of the node can abort its own. */
  private readonly loadsInFlight = new Map<string, AbortController>();
  /** A node's failed re-read (a refresh), shown in place of its children until the next refresh. */
  private readonly reloadFailures = new WeakMap<InfrastructureNode, unknown>();
  /** The nodes this tree handed to VS Code: the only ones its commands act on. */
  private readonly nodes = new WeakSet<InfrastructureNode>();
  /** The configuration servers and appliances the tree has shown, by lowercase fabric id (the latest node of each). */
  private readonly fabricNodes = new Map<string, FabricNode>();

  constructor(
    private readonly account: AzureAccount,
    private readonly services: InfrastructureServices,
    private readonly deployedVms: DeployedProcessServerIndex,
    private readonly deployments: DeploymentActivity,
    private readonly log: ExtensionLog,
  ) {
    this.accountListener = account.onDidChange(() => {
      this.refreshAll();
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
      return this.handOut(await this.loadSubscriptions());
    }
    const failure = this.reloadFailures.get(node);
    if (failure !== undefined) {
      return this.handOut([this.errorNode(node, failure)]);
    }
    if (node.loadChildren === undefined) {
      return [];
    }
    const load = new AbortController();
    this.loadsInFlight.get(node.id)?.abort(superseded('A newer load of this node started.'));
    this.loadsInFlight.set(node.id, load);
    const context = this.loadContext(AbortSignal.any([this.generation.signal, load.signal]));
    try {
      return this.handOut(await node.loadChildren(context));
    } catch (error) {
      // A load that a refresh superseded shows nothing: VS Code asks again for the refreshed node.
      return context.signal.aborted ? [] : this.handOut([this.errorNode(node, error)]);
    } finally {
      if (this.loadsInFlight.get(node.id) === load) {
        this.loadsInFlight.delete(node.id);
      }
    }
  }

  /** Refresh from a command: the node it was invoked on, or the whole tree (view title, Command Palette). */
  async refreshFromCommand(argument: unknown): Promise<void> {
    if (this.isOwnNode(argument)) {
      await this.refreshNode(argument);
    } else {
      this.refreshAll();
    }
  }

  /** Retry on an error node: loads the level that failed again. */
  async retryFromCommand(argument: unknown): Promise<void> {
    if (!this.isOwnNode(argument) || argument.retriesParentLoad !== true) {
      return;
    }
    if (argument.parent === undefined) {
      this.refreshAll();
    } else {
      await this.refreshNode(argument.parent);
    }
  }

  /**
   * Re-reads one configuration server (after a deployment changed what it shows), when the tree has shown it; the
   * rest of the tree stays as it is.
   */
  async refreshConfigurationServer(fabricId: string): Promise<void> {
    const node = this.fabricNodes.get(fabricId.toLowerCase());
    if (node !== undefined) {
      await this.refreshNode(node);
    }
  }

  /** The node of the process server at `ipAddress` under a configuration server the tree has shown, to reveal it. */
  async processServerNode(fabricId: string, ipAddress: string): Promise<InfrastructureNode | undefined> {
    const fabric = this.fabricNodes.get(fabricId.toLowerCase());
    if (fabric === undefined) {
      return undefined;
    }
    const children = await this.getChildren(fabric);
    return children.find((child) => child instanceof ProcessServerNode && child.server.ipAddress === ipAddress);
  }

  /** Loads everything again from the subscriptions down, aborting every request still in flight. */
  refreshAll(): void {
    this.generation.abort(superseded('The tree is loaded again.'));
    this.generation = new AbortController();
    this.deployedVms.forgetAll();
    this.fabricNodes.clear();
    this.changeEmitter.fire(undefined);
  }

  /** Re-reads one node and loads its children again; the rest of the tree stays as it is. */
  private async refreshNode(node: InfrastructureNode): Promise<void> {
    this.loadsInFlight.get(node.id)?.abort(superseded('The node is refreshed.'));
    this.reloadFailures.delete(node);
    try {
      await node.reload?.(this.loadContext(this.generation.signal));
    } catch (error) {
      if (!isAbortError(error)) {
        this.reloadFailures.set(node, error);
      }
    }
    this.changeEmitter.fire(node);
  }

  private async loadSubscriptions(): Promise<InfrastructureNode[]> {
    try {
      const subscriptions = await this.account.listSubscriptions();
      this.deployedVms.setSubscriptions(subscriptions);
      await vscode.commands.executeCommand('setContext', SIGNED_IN_CONTEXT_KEY, true);
      this.log.info(vscode.l10n.t('Listed {0} subscription(s).', subscriptions.length));
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

  private loadContext(signal: AbortSignal): TreeLoadContext {
    return { services: this.services, deployedVms: this.deployedVms, deployments: this.deployments, log: this.log, now: () => new Date(), signal };
  }

  private handOut(nodes: InfrastructureNode[]): InfrastructureNode[] {
    for (const node of nodes) {
      this.nodes.add(node);
      if (node instanceof FabricNode) {
        this.fabricNodes.set(node.fabric.id.toLowerCase(), node);
      }
    }
    return nodes;
  }

  private isOwnNode(value: unknown): value is InfrastructureNode {
    return typeof value === 'object' && value !== null && this.nodes.has(value as InfrastructureNode);
  }

  private errorNode(node: InfrastructureNode | undefined, error: unknown): LoadErrorNode {
    const message = this.log.masker.mask(errorMessage(error));
    this.log.error(vscode.l10n.t('Loading {0} failed: {1}', node?.id ?? vscode.l10n.t('subscriptions'), message));
    return new LoadErrorNode(node, message);
  }

  dispose(): void {
    this.generation.abort(superseded('The tree is closed.'));
    this.accountListener.dispose();
    this.changeEmitter.dispose();
  }
}
