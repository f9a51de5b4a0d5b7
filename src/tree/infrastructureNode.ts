import type * as vscode from 'vscode';
import type { DeploymentActivity } from '../deployment/deploymentActivity';
import type { ExtensionLog } from '../logging/extensionLog';
import type { DeployedProcessServerIndex } from '../services/deployedProcessServerIndex';
import type { InfrastructureServices } from '../services/subscriptionServices';

/** What every node needs to load its children or re-read itself. */
export interface TreeLoadContext {
  readonly services: InfrastructureServices;
  /** The VMs this extension deployed, across the listed subscriptions. */
  readonly deployedVms: DeployedProcessServerIndex;
  /** The deployments running in this window, to show a VM being set up as deploying. */
  readonly deployments: DeploymentActivity;
  readonly log: ExtensionLog;
  readonly now: () => Date;
  /** Aborted when this load is superseded (a refresh of the node or of the tree) or the tree goes away. */
  readonly signal: AbortSignal;
}

/** A node of the Site Recovery infrastructure tree. Nodes present what the services return; they call no SDK. */
export interface InfrastructureNode {
  /** Unique and stable across refreshes, so VS Code keeps expansion and selection. */
  readonly id: string;
  readonly parent: InfrastructureNode | undefined;
  getTreeItem(): vscode.TreeItem;
  /** Present on nodes that can have children; loads them through the services. */
  loadChildren?(context: TreeLoadContext): Promise<InfrastructureNode[]>;
  /**
   * A refresh of this node: re-reads what the node itself shows and forgets what its children must read again,
   * before VS Code renders it and asks for its children. Only this node's part of the tree is read again.
   */
  reload?(context: TreeLoadContext): Promise<void>;
  /** On a node that stands for its parent's failed load: "Retry" refreshes the parent (the whole tree at the root). */
  readonly retriesParentLoad?: true;
}
