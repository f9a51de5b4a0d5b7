import * as vscode from 'vscode';
import type { AzureAccount } from '../azure/azureAccount';
import { portalResourceUrl } from '../azure/cloudEnvironment';
import type { ExtensionLog } from '../logging/extensionLog';
import type { InfrastructureTarget } from '../siteRecovery/infrastructureTarget';

/** The IP address of the server a target names, or undefined for targets without one. */
function serverIpAddress(target: InfrastructureTarget | undefined): string | undefined {
  switch (target?.kind) {
    case 'fabric':
      return target.fabric.ipAddress;
    case 'processServer':
      return target.server?.ipAddress ?? target.deployedVm?.privateIpAddress;
    default:
      return undefined;
  }
}

export async function copyIpAddress(log: ExtensionLog, target: InfrastructureTarget | undefined): Promise<void> {
  const ipAddress = serverIpAddress(target);
  if (ipAddress === undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This server reports no IP address.'));
    return;
  }
  await vscode.env.clipboard.writeText(ipAddress);
  log.info(vscode.l10n.t('Copied IP address {0}.', ipAddress));
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', ipAddress), 3000);
}

/** The resource to open: the VM for a process server this extension deployed, otherwise the vault that holds the server. */
function portalResourceId(target: InfrastructureTarget): string | undefined {
  switch (target.kind) {
    case 'processServer':
      return target.deployedVm?.id ?? target.vault.id;
    case 'fabric':
    case 'vault':
      return target.vault.id;
    case 'subscription':
      return undefined;
  }
}

/** Opens the Azure resource behind a target in the portal of the user's cloud. */
export async function openInPortal(account: AzureAccount, target: InfrastructureTarget | undefined): Promise<void> {
  const resourceId = target === undefined ? undefined : portalResourceId(target);
  if (target === undefined || resourceId === undefined) {
    return;
  }
  const url = portalResourceUrl(account.cloud(), target.subscription.tenantId, resourceId);
  await vscode.env.openExternal(vscode.Uri.parse(url));
}
