import * as vscode from 'vscode';

/**
 * The view's data provider at activation: it hands every call to the real provider, which `load` creates the first time
 * VS Code asks (the first listing), and passes on its change events. Activation thus loads none of the tree's code.
 */
export class LazyTreeDataProvider implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changes.event;
  private provider: vscode.TreeDataProvider<unknown> | undefined;
  private providerChanges: vscode.Disposable | undefined;

  constructor(private readonly load: () => vscode.TreeDataProvider<unknown>) {}

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.loaded().getTreeItem(element);
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> {
    return this.loaded().getChildren(element);
  }

  getParent(element: unknown): vscode.ProviderResult<unknown> {
    return this.loaded().getParent?.(element);
  }

  dispose(): void {
    this.providerChanges?.dispose();
    this.changes.dispose();
  }

  private loaded(): vscode.TreeDataProvider<unknown> {
    if (this.provider === undefined) {
      const provider = this.load();
      this.provider = provider;
      this.providerChanges = provider.onDidChangeTreeData?.((change) => {
        this.changes.fire(change);
      });
    }
    return this.provider;
  }
}
