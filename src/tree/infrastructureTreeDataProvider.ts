import * as vscode from 'vscode';

/** The id of the sidebar view, as contributed in package.json. */
export const INFRASTRUCTURE_VIEW_ID = 'asrFailback.infrastructure';

/**
 * The sidebar tree: subscriptions > Recovery Services vaults > configuration servers > process servers.
 * Until the user signs in it has no roots, so VS Code shows the view's welcome content.
 */
export class InfrastructureTreeDataProvider implements vscode.TreeDataProvider<vscode.TreeItem> {
  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(): vscode.TreeItem[] {
    return [];
  }
}
