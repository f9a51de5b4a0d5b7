/**
 * Managed run commands that run the extension's real registration and unregistration scripts (src/registration/scripts,
 * read from disk: plain Node cannot load the bundler's .ps1 imports) with the arguments the extension passes, and what
 * the tests read back from them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import type { ProcessServer, SiteRecoveryManagementClient, VMwareDetails } from '@azure/arm-recoveryservices-siterecovery';
import { PATH_CHECK_RESULT_PREFIX } from '../simulation/scriptOutcome';
import { demo, type EmulatorHarness } from './harness';

/** The body of a managed run command PUT. */
export type RunCommandBody = Parameters<ComputeManagementClient['virtualMachineRunCommands']['createOrUpdate']>[3];

const scriptsDirectory = path.resolve(__dirname, '..', '..', '..', '..', 'src', 'registration', 'scripts');

function scriptText(fileName: string): string {
  return readFileSync(path.join(scriptsDirectory, fileName), 'utf8');
}

/** cs-tokyo-01's fabric in the demo seed (vault rsv-failback-japaneast), where the demo VM registers. */
export const tokyoFabric = {
  vaultName: 'rsv-failback-japaneast',
  resourceGroupName: 'rg-asr-japaneast',
  name: 'b4a0d3c5e9f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b',
} as const;

/** The process servers cs-tokyo-01's fabric lists now. */
export async function tokyoProcessServers(siteRecovery: SiteRecoveryManagementClient): Promise<ProcessServer[]> {
  const fabric = await siteRecovery.replicationFabrics.get(tokyoFabric.vaultName, tokyoFabric.resourceGroupName, tokyoFabric.name);
  return (fabric.properties?.customDetails as VMwareDetails).processServers ?? [];
}

/** Named arguments; `undefined` leaves one out. */
type Arguments = Record<string, string | undefined>;

function named(values: Arguments): { name: string; value: string }[] {
  return Object.entries(values).flatMap(([name, value]) => (value === undefined ? [] : [{ name, value }]));
}

/**
 * A run of registerProcessServer.ps1 for the demo VM (10.10.2.10) with the arguments the extension passes; `changes`
 * replaces or (with undefined) leaves out plain arguments.
 */
export function registrationRunCommand(address: string, passphrase: string, changes: Arguments = {}): RunCommandBody {
  return {
    location: 'japaneast',
    source: { script: scriptText('registerProcessServer.ps1') },
    parameters: named({
      ConfigurationServerAddress: address,
      ConfigurationServerPort: '443',
      DataTransferPort: '9443',
      ProcessServerIpAddress: '10.10.2.10',
      InstallerUrl: 'https://aka.ms/unifiedinstaller',
      InstallLocation: 'C:\\Program Files (x86)\\Microsoft Azure Site Recovery',
      InstallLocationSwitch: 'InstallLocation',
      EnvironmentType: 'VMware',
      ...changes,
    }),
    protectedParameters: [{ name: 'ConfigurationServerPassphrase', value: passphrase }],
    timeoutInSeconds: 3600,
  };
}

/** A run of unregisterProcessServer.ps1 for the process server at `ipAddress`; `changes` replaces or (with undefined) leaves out arguments. */
export function unregistrationRunCommand(ipAddress: string, changes: Arguments = {}): RunCommandBody {
  return {
    location: 'japaneast',
    source: { script: scriptText('unregisterProcessServer.ps1') },
    parameters: named({ ProcessServerIpAddress: ipAddress, ...changes }),
    timeoutInSeconds: 5400,
  };
}

/** A run of checkPathToConfigurationServer.ps1; `changes` replaces or (with undefined) leaves out arguments. */
export function pathCheckRunCommand(address: string, changes: Arguments = {}): RunCommandBody {
  return {
    location: 'japaneast',
    source: { script: scriptText('checkPathToConfigurationServer.ps1') },
    parameters: named({ ConfigurationServerAddress: address, ConfigurationServerPort: '443', DataTransferPort: '9443', ...changes }),
    timeoutInSeconds: 120,
  };
}

/** The path check's verdicts (its last stdout line). */
export interface PathCheckResult {
  nameResolution: { ok: boolean; addresses: string[]; message: string };
  configurationServerPort: { port: number; ok: boolean; message: string };
  dataTransferPort: { port: number; ok: boolean; message: string };
}

/** Parses the last stdout line, which must be `ASR-FAILBACK-PATH-CHECK {json}`. */
export function pathCheckResultOf(output: string): PathCheckResult {
  const lastLine = output.trimEnd().split(/\r?\n/).at(-1) ?? '';
  if (!lastLine.startsWith(PATH_CHECK_RESULT_PREFIX)) {
    throw new Error(`The last output line is not the path check result: ${lastLine}`);
  }
  return JSON.parse(lastLine.slice(PATH_CHECK_RESULT_PREFIX.length)) as PathCheckResult;
}

/** Creates the VM `ps-isolated` (10.20.1.10) in `vnet-isolated-japaneast`, a virtual network without a VPN/ExpressRoute gateway. */
export async function createIsolatedVm(harness: EmulatorHarness, compute: ComputeManagementClient, group: string): Promise<string> {
  const network = new NetworkManagementClient(harness.credential, demo.production, harness.modularOptions);
  const nic = await network.networkInterfaces.createOrUpdate('rg-network-japaneast', 'nic-isolated', {
    location: 'japaneast',
    ipConfigurations: [{ name: 'ipconfig1', subnet: { id: `/subscriptions/${demo.production}/resourceGroups/rg-network-japaneast/providers/Microsoft.Network/virtualNetworks/vnet-isolated-japaneast/subnets/default` }, privateIPAllocationMethod: 'Static', privateIPAddress: '10.20.1.10' }],
  }, harness.poll);
  await compute.virtualMachines.createOrUpdate(group, 'ps-isolated', {
    location: 'japaneast',
    hardwareProfile: { vmSize: 'Standard_A8_v2' },
    storageProfile: { imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2016-Datacenter', version: 'latest' } },
    osProfile: { computerName: 'psisolated', adminUsername: 'asradmin', adminPassword: 'Emulator-Test-Pa55word!' },
    networkProfile: { networkInterfaces: [{ id: nic.id ?? '' }] },
  }, harness.poll);
  return 'ps-isolated';
}
