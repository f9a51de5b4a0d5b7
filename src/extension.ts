import * as vscode from 'vscode';
import { CommandIds } from './commands/commandIds';
import { registerCommand } from './commands/registerCommand';
import { ExtensionLog } from './logging/extensionLog';
import { INFRASTRUCTURE_VIEW_ID, InfrastructureTreeDataProvider } from './tree/infrastructureTreeDataProvider';

/** Activated by VS Code only when the sidebar view opens or one of this extension's commands runs. */
export function activate(context: vscode.ExtensionContext): void {
  const log = new ExtensionLog();
  context.subscriptions.push(log);

  const treeView = vscode.window.createTreeView(INFRASTRUCTURE_VIEW_ID, {
    treeDataProvider: new InfrastructureTreeDataProvider(),
    showCollapseAll: true,
  });
  context.subscriptions.push(treeView);

  registerCommand(context, log, CommandIds.showLogs, () => {
    log.show();
  });

  log.info(vscode.l10n.t('Azure Site Recovery failback extension {0} activated.', extensionVersion(context)));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function extensionVersion(context: vscode.ExtensionContext): string {
  const manifest = context.extension.packageJSON as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '';
}
