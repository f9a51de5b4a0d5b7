import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionUnderTest, infrastructureTree } from './extensionTestContext';

describe('Commands: package.json and the running extension agree', () => {
  it('registers every contributed command, and no command it does not contribute', async () => {
    await infrastructureTree(); // activates the extension
    const manifest = extensionUnderTest().packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((entry) => entry.command).sort();
    assert.ok(contributed.length > 0);
    // VS Code itself registers commands for the contributed view (asrFailback.infrastructure.focus, ...): not ours.
    const ours = (await vscode.commands.getCommands(true))
      .filter((command) => command.startsWith('asrFailback.') && !command.startsWith('asrFailback.infrastructure.'))
      .sort();
    assert.deepEqual(ours, contributed);
  });
});
