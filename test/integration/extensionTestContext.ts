import * as vscode from 'vscode';

/** The extension's identifier, `publisher.name` from package.json. */
export const EXTENSION_ID = 'asr-failback.vscode-asr-failback';

/** The extension under test, which the extension host loaded from the development path. */
export function extensionUnderTest(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (extension === undefined) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host.`);
  }
  return extension;
}
