import type { QuickInputPrompts } from './quickInputPrompts';
import type { Workbench } from './workbench';

/** The title of the wizard's prompts. */
export const ADD_PROCESS_SERVER_TITLE = 'Add Process Server in Azure';

/** The demo's admin password a journey types (fake, for the emulator only). */
export const ADMIN_PASSWORD = 'Failback#Tokyo2026';
/** cs-tokyo-01's connection passphrase in the emulator's demo data (fake, for the emulator only). */
export const TOKYO_PASSPHRASE = 'Tokyo-CS-demo-passphrase-01';

/**
 * Right-clicks the configuration server's row in the tree (its vault already expanded), screenshots the context menu
 * and chooses "Add Process Server in Azure…". Expanded, a configuration server lists its own built-in process server
 * under the same name: its row is the first of the two.
 */
export async function openAddProcessServerOn(workbench: Workbench, configurationServer: string): Promise<void> {
  await workbench.chooseFromContextMenu(workbench.treeRow(configurationServer).first(), 'Add Process Server in Azure…', 'configuration-server-context-menu');
}

/** What a journey answers for a process server in a new resource group and storage account of the demo's Japan East. */
export interface NewProcessServerAnswers {
  readonly serverName: string;
  readonly resourceGroup: string;
  readonly storageAccount: string;
  /** A free address of snet-process-server in vnet-failover-japaneast. */
  readonly ipAddress: string;
}

/**
 * Answers every prompt of the wizard, opened on cs-tokyo-01, up to its summary: Contoso Production, a new resource
 * group, Japan East, vnet-failover-japaneast (which a process server already serves) and its snet-process-server, the
 * admin password and the passphrase typed into masked boxes (each screenshot with the secret typed), a new storage
 * account, and a size, image, installer and connection as the demo's configuration server needs them.
 */
export async function answerUpToSummary(workbench: Workbench, prompts: QuickInputPrompts, answers: NewProcessServerAnswers): Promise<void> {
  await prompts.pick('The subscription the machines failed over to', 'Contoso Production');
  await prompts.pick('The resource group for the process server', 'Create new resource group…');
  await prompts.type('Name of the new resource group', answers.resourceGroup);
  await prompts.pick('The Azure region the machines failed over to', 'Japan East');
  await prompts.pick('The virtual network the failed-over machines are in', 'vnet-failover-japaneast');
  await prompts.pick('already serves vnet-failover-japaneast', 'Use vnet-failover-japaneast anyway');
  await prompts.pick('The subnet of vnet-failover-japaneast', 'snet-process-server');
  await prompts.type('Name of the process server', answers.serverName);
  await prompts.type('Administrator user name', 'asradmin');
  await prompts.typeSecret('Administrator password (12 to 123', ADMIN_PASSWORD, 'admin-password-masked');
  await prompts.typeSecret('Administrator password again', ADMIN_PASSWORD, 'admin-password-again-masked');
  await prompts.pick('The storage account for boot diagnostics', 'Create new storage account…');
  await prompts.type('Name of the new storage account', answers.storageAccount);
  await prompts.type('Static private IP address', answers.ipAddress);
  await answerServerAndConnection(prompts);
  await prompts.waitFor('Review what will be created');
  await workbench.screenshot('summary');
}

/**
 * The wizard's prompts from the VM size to "Remember the passphrase", answered for the demo's cs-tokyo-01: Standard_A8_v2,
 * Windows Server 2016, the installer downloaded, 192.168.10.20:443 with data-transfer port 9443, and the passphrase
 * typed into its masked box (screenshot with it typed), not remembered.
 */
export async function answerServerAndConnection(prompts: QuickInputPrompts): Promise<void> {
  await prompts.pick('The VM size', 'Standard_A8_v2');
  await prompts.pick('The image of the process server VM', 'Windows Server 2016-Datacenter');
  await prompts.pick('Where the VM gets the Unified Setup installer', 'Download it from https://aka.ms/unifiedinstaller');
  await prompts.type('Address of the configuration server', '192.168.10.20');
  await prompts.type('Port of the configuration server', '443');
  await prompts.type('Data-transfer port of the process server', '9443');
  await prompts.typeSecret('Connection passphrase of the configuration server', TOKYO_PASSPHRASE, 'passphrase-masked');
  await prompts.pick('Remember the passphrase', 'Do not remember it');
}
