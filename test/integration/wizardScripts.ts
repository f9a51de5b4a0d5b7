import type { ScriptedAnswer } from './scriptedUserInput';

/** The admin password the scripts type (it satisfies Azure's rules). */
export const PASSWORD = 'Failback#Tokyo2026';
/** The Tokyo configuration server's passphrase in the emulator's demo seed. */
export const PASSPHRASE = 'Tokyo-CS-demo-passphrase-01';

/** From the subscription to the subnet: the demo's failover network in Japan East, already served, confirmed anyway. */
export const TOKYO_TO_SUBNET: readonly ScriptedAnswer[] = [
  { pick: 'Contoso Production' },
  { pick: 'rg-asr-ps-deploy' },
  { pick: 'Japan East' },
  { pick: 'vnet-failover-japaneast' },
  { pick: /Use vnet-failover-japaneast anyway/ },
  { pick: 'snet-process-server' },
];

/** From the VM size to the data-transfer port: the defaults, the documented installer and the Tokyo address. */
export const SIZE_TO_PORTS: readonly ScriptedAnswer[] = [
  { pick: 'Standard_A8_v2' },
  { pick: 'Windows Server 2016-Datacenter' },
  { pick: /^Download it from/ },
  { input: '192.168.10.20' },
  { input: '443' },
  { input: '9443' },
];

/** After the subnet, a free server name and valid credentials, a storage account, an address and the defaults to the passphrase. */
export function tokyoServerToPassphrase(serverName: string): ScriptedAnswer[] {
  return [
    { input: serverName },
    { input: 'asradmin' },
    { input: PASSWORD },
    { input: PASSWORD },
    { pick: 'contosoasrcachejpe01' },
    { input: '10.10.2.5' },
    ...SIZE_TO_PORTS,
  ];
}
