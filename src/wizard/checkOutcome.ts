import * as vscode from 'vscode';
import { errorMessage } from '../azure/azureErrors';

/**
 * Runs a prompt's Azure-side check. A check that throws (a 5xx, throttling past its retries, no permission) says so
 * in its message: it never passes silently.
 */
export async function checkOutcome(check: () => Promise<string | undefined>): Promise<string | undefined> {
  try {
    return await check();
  } catch (error) {
    return vscode.l10n.t('The check in Azure could not run: {0}. Try again, or go back.', errorMessage(error));
  }
}
