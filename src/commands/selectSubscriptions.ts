import * as vscode from 'vscode';
import { EXTENSION_SETTINGS_SECTION, SELECTED_SUBSCRIPTIONS_SETTING, selectedSubscriptions } from '../azure/authenticationMethod';
import type { AzureAccount } from '../azure/azureAccount';
import { isSubscriptionSelected, subscriptionFilterEntry } from '../azure/subscriptionFilter';
import { UserCancelledError } from '../util/userCancelledError';

/** Lets the user pick the subscriptions the tree shows; saves them in `asrFailback.selectedSubscriptions`. */
export async function selectSubscriptions(account: AzureAccount): Promise<void> {
  const selected = selectedSubscriptions();
  const items = vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing subscriptions…') },
    async () =>
      (await account.listAllSubscriptions())
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((subscription) => ({
          label: subscription.name,
          description: subscription.subscriptionId,
          detail: vscode.l10n.t('Tenant {0}', subscription.tenantId),
          picked: selected.length > 0 && isSubscriptionSelected(selected, subscription),
          entry: subscriptionFilterEntry(subscription),
        })),
  );
  const picks = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Select the subscriptions to show'),
    placeHolder: vscode.l10n.t('None picked shows every subscription'),
    ignoreFocusOut: true,
  });
  if (picks === undefined) {
    throw new UserCancelledError();
  }
  await vscode.workspace
    .getConfiguration(EXTENSION_SETTINGS_SECTION)
    .update(SELECTED_SUBSCRIPTIONS_SETTING, picks.map((pick) => pick.entry), vscode.ConfigurationTarget.Global);
}
