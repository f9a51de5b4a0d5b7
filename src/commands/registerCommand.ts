import * as vscode from 'vscode';
import type { ExtensionLog } from '../logging/extensionLog';
import { errorMessage } from '../azure/azureErrors';

/**
 * Registers a command wrapped once, the same way for every command: a user's cancellation ends it silently
 * (noted in the log), any other error is logged and shown with a "Show Logs" button. Messages are masked. The log is
 * asked for only when there is something to write (it is created with the session, after activation).
 */
export function registerCommand(
  context: vscode.ExtensionContext,
  logOf: () => ExtensionLog,
  commandId: string,
  handler: (...args: unknown[]) => unknown,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(commandId, async (...args: unknown[]) => {
      try {
        await handler(...args);
      } catch (error) {
        const log = logOf();
        // Told by name: the operations bundle (dist/operations.js) throws its own copy of the class.
        if ((error instanceof Error && error.name === 'UserCancelledError') || error instanceof vscode.CancellationError) {
          log.info(vscode.l10n.t('{0}: cancelled.', commandId));
          return;
        }
        const message = log.masker.mask(errorMessage(error));
        log.error(vscode.l10n.t('{0} failed: {1}', commandId, message));
        const showLogs = vscode.l10n.t('Show Logs');
        void vscode.window.showErrorMessage(message, showLogs).then((choice) => {
          if (choice === showLogs) {
            log.show();
          }
        });
      }
    }),
  );
}
