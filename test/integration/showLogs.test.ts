import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { bundlesActivationLoaded, EXTENSION_ID, extensionUnderTest, infrastructureTree, loadedBundles, wasActiveAtStart } from './extensionTestContext';

/** The document VS Code opens for the extension's log channel once the Output panel shows it. */
function logChannelDocument(): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find(
    (document) => document.uri.scheme === 'output' && document.uri.path.startsWith(`${EXTENSION_ID}.Azure Site Recovery`),
  );
}

/**
 * Resolves with `probe`'s value as soon as it has one: probed now, then again on each of `events` (VS Code's own
 * signals that what it looks at changed); fails after `timeoutMs` (a deadline only) saying what it waited for.
 */
function whenAvailable<T>(description: string, probe: () => T | undefined, events: readonly vscode.Event<unknown>[], timeoutMs = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (settle: () => void): void => {
      clearTimeout(deadline);
      for (const subscription of subscriptions) {
        subscription.dispose();
      }
      settle();
    };
    const deadline = setTimeout(() => {
      finish(() => {
        reject(new Error(`No ${description} within ${String(timeoutMs)} ms.`));
      });
    }, timeoutMs);
    const check = (): void => {
      const value = probe();
      if (value !== undefined) {
        finish(() => {
          resolve(value);
        });
      }
    };
    subscriptions.push(...events.map((event) => event(check)));
    check();
  });
}

describe('Azure Site Recovery: Show Logs', () => {
  it('is not active at start-up (it activates on its view and commands only)', () => {
    assert.equal(wasActiveAtStart(), false);
  });

  it('loads only its 5 KiB entry at activation; the session bundle comes with the first listing', async () => {
    assert.deepEqual(bundlesActivationLoaded(), ['extension.js']);
    const tree = await infrastructureTree();
    await tree.getChildren();
    assert.ok(loadedBundles().includes('session.js'), `loaded: ${loadedBundles().join(', ')}`);
  });

  it('reveals the log channel, which holds the activation line', async () => {
    assert.equal(logChannelDocument(), undefined, 'the log channel is not shown before the command runs');

    await vscode.commands.executeCommand('asrFailback.showLogs');

    assert.equal(extensionUnderTest().isActive, true);
    const document = await whenAvailable('log channel document opened', logChannelDocument, [vscode.workspace.onDidOpenTextDocument]);
    const text = await whenAvailable(
      'activation line in the log channel',
      () => {
        const content = document.getText();
        return content.includes('activated') ? content : undefined;
      },
      [vscode.workspace.onDidChangeTextDocument],
    );
    assert.match(text, /\[info\] Azure Site Recovery failback extension \d+\.\d+\.\d+ activated\./);
  });
});
