import * as vscode from 'vscode';

/**
 * How the extension signs in to Azure (setting `asrFailback.authentication`):
 * - `vscode`: VS Code's own Microsoft account (the `microsoft` provider, or `microsoft-sovereign-cloud` for sovereign
 *   and custom clouds set in `microsoft-sovereign-cloud.environment`);
 * - `azureCli`: the account of `az login`;
 * - `servicePrincipal`: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET in VS Code's environment.
 */
export type AuthenticationMethod = 'vscode' | 'azureCli' | 'servicePrincipal';

export const EXTENSION_SETTINGS_SECTION = 'asrFailback';
export const AUTHENTICATION_SETTING = 'authentication';
export const SELECTED_SUBSCRIPTIONS_SETTING = 'selectedSubscriptions';

export function configuredAuthenticationMethod(): AuthenticationMethod {
  const value = vscode.workspace.getConfiguration(EXTENSION_SETTINGS_SECTION).get<string>(AUTHENTICATION_SETTING);
  return value === 'azureCli' || value === 'servicePrincipal' ? value : 'vscode';
}

export function selectedSubscriptions(): string[] {
  return vscode.workspace.getConfiguration(EXTENSION_SETTINGS_SECTION).get<string[]>(SELECTED_SUBSCRIPTIONS_SETTING, []);
}
