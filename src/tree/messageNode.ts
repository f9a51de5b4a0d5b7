import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { ContextValues } from './contextValues';
import type { InfrastructureNode } from './infrastructureNode';

/** A leaf that says a level has nothing in it ("No Recovery Services vaults"). */
export class EmptyNode implements InfrastructureNode {
  readonly id: string;

  constructor(
    readonly parent: InfrastructureNode | undefined,
    private readonly message: string,
  ) {
    this.id = `${parent?.id ?? 'root'}/empty`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = ContextValues.empty;
    item.iconPath = new vscode.ThemeIcon('info');
    return item;
  }
}

/**
 * A leaf in place of children whose Azure call failed: it shows the error, and "Retry" (inline, or a click) loads
 * that one level again while the rest of the tree stays as it is.
 */
export class LoadErrorNode implements InfrastructureNode {
  readonly id: string;
  readonly retriesParentLoad = true;

  constructor(
    readonly parent: InfrastructureNode | undefined,
    readonly message: string,
  ) {
    this.id = `${parent?.id ?? 'root'}/error`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Could not load: {0}', this.message), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.contextValue = ContextValues.loadError;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.tooltip = this.message;
    item.command = { command: CommandIds.retry, title: vscode.l10n.t('Retry'), arguments: [this] };
    return item;
  }
}
