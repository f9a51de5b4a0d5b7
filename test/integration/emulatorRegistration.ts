import { ComputeManagementClient } from '@azure/arm-compute';
import { ClientSecretCredential } from '@azure/identity';
import { REGISTER_MARKER } from '../emulator/simulation/scriptOutcome';
import type { EmulatorControlClient } from '../emulator/control/client';

/** The demo's deployed process-server VM, its static address and its computer name (test/emulator/fixtures/demo.json). */
export const DEMO_DEPLOYED_VM = {
  subscriptionId: 'c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b',
  resourceGroup: 'rg-asr-ps-deploy',
  name: 'ps-failback-01',
  ipAddress: '10.10.2.10',
  computerName: 'psfailback01',
} as const;

/**
 * Registers the demo VM with the Tokyo configuration server the way the extension will: a managed Run Command whose
 * script the emulator's simulated on-premises side recognises, with the passphrase as a protected parameter. Returns
 * once the configuration server reports the process server (polled, with a deadline).
 */
export async function registerDemoProcessServer(control: EmulatorControlClient): Promise<void> {
  const info = await control.info();
  const { AZURE_TENANT_ID: tenantId, AZURE_CLIENT_ID: clientId, AZURE_CLIENT_SECRET: clientSecret } = process.env;
  if (tenantId === undefined || clientId === undefined || clientSecret === undefined) {
    throw new Error('The demo service principal is not in the environment: run the tests through runIntegrationTests.');
  }
  const credential = new ClientSecretCredential(tenantId, clientId, clientSecret, { authorityHost: info.authorityHost, disableInstanceDiscovery: true });
  const compute = new ComputeManagementClient(credential, DEMO_DEPLOYED_VM.subscriptionId, {
    endpoint: info.armEndpoint,
    credentials: { scopes: [`${info.armEndpoint}/.default`] },
  });
  await compute.virtualMachineRunCommands.createOrUpdate(
    DEMO_DEPLOYED_VM.resourceGroup,
    DEMO_DEPLOYED_VM.name,
    'register-process-server',
    {
      location: 'japaneast',
      source: { script: `${REGISTER_MARKER}\nparam($ConfigurationServerAddress, $ConfigurationServerPort, $DataTransferPort, $ConfigurationServerPassphrase)` },
      parameters: [
        { name: 'ConfigurationServerAddress', value: '192.168.10.20' },
        { name: 'ConfigurationServerPort', value: '443' },
        { name: 'DataTransferPort', value: '9443' },
        { name: 'ProcessServerIpAddress', value: DEMO_DEPLOYED_VM.ipAddress },
        { name: 'InstallerUrl', value: 'https://aka.ms/unifiedinstaller' },
        { name: 'InstallLocation', value: 'C:\\Program Files (x86)\\Microsoft Azure Site Recovery' },
      ],
      protectedParameters: [{ name: 'ConfigurationServerPassphrase', value: 'Tokyo-CS-demo-passphrase-01' }],
    },
    { updateIntervalInMs: 20 },
  );
  const deadline = Date.now() + 15_000;
  while (!(await isReported(control))) {
    if (Date.now() > deadline) {
      throw new Error(`The configuration server did not report ${DEMO_DEPLOYED_VM.ipAddress} within 15 s of the registration.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function isReported(control: EmulatorControlClient): Promise<boolean> {
  const state = await control.state();
  return state.resources.some((resource) => {
    const details = (resource.properties as { customDetails?: { processServers?: { ipAddress?: string }[] } } | undefined)?.customDetails;
    return details?.processServers?.some((server) => server.ipAddress === DEMO_DEPLOYED_VM.ipAddress) === true;
  });
}
