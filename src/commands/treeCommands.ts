import * as vscode from 'vscode';
import type { AzureAccount } from '../azure/azureAccount';
import { portalResourceUrl } from '../azure/cloudEnvironment';
import { FabricNode } from '../tree/fabricNode';
import type { InfrastructureNode } from '../tree/infrastructureNode';
import type { InfrastructureTreeDataProvider } from '../tree/infrastructureTreeDataProvider';
import { LoadErrorNode } from '../tree/messageNode';
import { ProcessServerNode, UnregisteredDeploymentNode } from '../tree/processServerNode';
import { SubscriptionNode } from '../tree/subscriptionNode';
import type { ExtensionLog } from '../logging/extensionLog';

/** Refresh: the node it was invoked on, or the whole tree from the view title or the Command Palette. */
export function refresh(tree: InfrastructureTreeDataProvider, node: unknown): void {
  tree.refresh(isInfrastructureNode(node) ? node : undefined);
}

/** Retry on an error node: loads the level that failed again. */
export function retry(tree: InfrastructureTreeDataProvider, node: unknown): void {
  if (node instanceof LoadErrorNode) {
    tree.refresh(node.parent);
  }
}

/** The IP address a server node shows, or undefined for nodes without one. */
function serverIpAddress(node: unknown): string | undefined {
  if (node instanceof FabricNode) {
    return node.fabric.ipAddress;
  }
  if (node instanceof ProcessServerNode) {
    return node.server.ipAddress;
  }
  return undefined;
}

export async function copyIpAddress(log: ExtensionLog, node: unknown): Promise<void> {
  const ipAddress = serverIpAddress(node);
  if (ipAddress === undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This server reports no IP address.'));
    return;
  }
  await vscode.env.clipboard.writeText(ipAddress);
  log.info(vscode.l10n.t('Copied IP address {0}.', ipAddress));
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', ipAddress), 3000);
}

/**
 * Opens the Azure resource behind a server node in the portal of the user's cloud: the VM for a process server this
 * extension deployed, otherwise the vault that holds the configuration server.
 */
export async function openInPortal(account: AzureAccount, node: unknown): Promise<void> {
  const target = portalTarget(node);
  if (target === undefined) {
    return;
  }
  const url = portalResourceUrl(account.cloud(), target.tenantId, target.resourceId);
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

function portalTarget(node: unknown): { tenantId: string; resourceId: string } | undefined {
  if (!isInfrastructureNode(node)) {
    return undefined;
  }
  const tenantId = subscriptionOf(node)?.subscription.tenantId ?? '';
  if ((node instanceof ProcessServerNode || node instanceof UnregisteredDeploymentNode) && node.deployedVm !== undefined) {
    return { tenantId, resourceId: node.deployedVm.id };
  }
  if (node instanceof ProcessServerNode) {
    return { tenantId, resourceId: node.parent.fabric.vault.id };
  }
  if (node instanceof FabricNode) {
    return { tenantId, resourceId: node.fabric.vault.id };
  }
  return undefined;
}

function subscriptionOf(node: InfrastructureNode): SubscriptionNode | undefined {
  let current: InfrastructureNode | undefined = node;
  while (current !== undefined && !(current instanceof SubscriptionNode)) {
    current = current.parent;
  }
  return current;
}

function isInfrastructureNode(value: unknown): value is InfrastructureNode {
  return typeof value === 'object' && value !== null && 'getTreeItem' in value && 'id' in value;
}
