import type * as vscode from 'vscode';
import type { AzureAccount } from '../azure/azureAccount';
import type { ExtensionLog } from '../logging/extensionLog';
import type { ConcurrencyLimiter } from '../util/concurrencyLimiter';
import type { ManagedDeploymentIndex } from './managedDeploymentIndex';

/** What every node needs to load its children. */
export interface TreeLoadContext {
  readonly account: AzureAccount;
  readonly log: ExtensionLog;
  /** Bounds the Azure requests the whole tree has in flight. */
  readonly limiter: ConcurrencyLimiter;
  /** The VMs this extension deployed, across the listed subscriptions, loaded once per refresh. */
  readonly managedDeployments: ManagedDeploymentIndex;
  readonly now: () => Date;
}

/** A node of the Site Recovery infrastructure tree. */
export interface InfrastructureNode {
  /** Unique and stable across refreshes, so VS Code keeps expansion and selection. */
  readonly id: string;
  readonly parent: InfrastructureNode | undefined;
  getTreeItem(): vscode.TreeItem;
  /** Present on nodes that can have children; loads them with the Azure requests they need. */
  loadChildren?(context: TreeLoadContext): Promise<InfrastructureNode[]>;
}
