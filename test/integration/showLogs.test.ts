import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionUnderTest, wasActiveAtStart } from './extensionTestContext';

/** The document VS Code opens for the extension's log channel once the Output panel shows it. */
function logChannelDocument(): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find(
    (document) => document.uri.scheme === 'output' && document.uri.path.startsWith(`${EXTENSION_ID}.Azure Site Recovery`),
  );
}

async function waitFor<T>(description: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${description}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Azure Site Recovery: Show Logs', () => {
  it('is not active at start-up (it activates on its view and commands only)', () => {
    assert.equal(wasActiveAtStart(), false);
  });

  it('reveals the log channel, which holds the activation line', async () => {
    assert.equal(logChannelDocument(), undefined, 'the log channel is not shown before the command runs');

    await vscode.commands.executeCommand('asrFailback.showLogs');

    assert.equal(extensionUnderTest().isActive, true);
    const document = await waitFor('the log channel to be shown', logChannelDocument);
    const text = await waitFor('the activation line', () => {
      const content = document.getText();
      return content.includes('activated') ? content : undefined;
    });
    assert.match(text, /\[info\] Azure Site Recovery failback extension \d+\.\d+\.\d+ activated\./);
  });
});
