/**
 * The unregistration script (`src/registration/scripts/unregisterProcessServer.ps1`), simulated: the same argument
 * binding, checks, lines and exit codes, computed from the emulated state. **Simulated**: the process server's programs
 * count as installed on a VM exactly while a configuration server's fabric lists a process server with the VM's
 * address; replicated machines count as connected to its data transfer port exactly while that process server's
 * `machineCount` is above 0 (one address each); every uninstaller succeeds; the Mobility Service/Master Target is the
 * only program uninstalled with msiexec (its product code is the one documented, vmware-physical-manage-mobility-service.md;
 * whether the others are Windows Installer products is not documented) and the Recovery Services Agent shows no
 * version. Once the run has ended, the process server leaves its fabric after `registrationDelayMs` (the portal can
 * take up to 15 minutes, site-recovery-vmware-to-azure-manage-scaleout-process-server.md).
 */
import { isIPv4 } from 'node:net';
import { primaryAddressOf } from '../arm/network/networkQueries';
import { countOf, processServersOf, setProcessServers } from '../arm/recoveryServices/processServers';
import type { ArmServices } from '../arm/services';
import type { ArmResource, JsonObject } from '../arm/types';
import type { ScriptOutcome } from './scriptOutcome';
import { failScript, type ScriptArguments } from './scriptParameters';

const MOBILITY_SERVICE_PRODUCT_CODE = '{275197FC-14FD-4560-A5EB-38217F80CBD1}';

/** The script's list, in the documented order: how the simulation shows each uninstalled, and whether with a version. */
const programs = [
  {
    displayName: 'Microsoft Azure Site Recovery Mobility Service/Master Target Server',
    how: `msiexec.exe /qn /x ${MOBILITY_SERVICE_PRODUCT_CODE} /L+*V "C:\\ProgramData\\ASRSetupLogs\\UnifiedAgentMSIUninstall.log"`,
    versioned: true,
  },
  { displayName: 'Microsoft Azure Site Recovery Configuration/Process Server', how: 'its registered UninstallString', versioned: true },
  { displayName: 'Microsoft Azure Site Recovery Configuration/Process Server Dependencies', how: 'its registered UninstallString', versioned: true },
  { displayName: 'Microsoft Azure Recovery Services Agent', how: 'its registered UninstallString', versioned: false },
] as const;

function text(lines: readonly string[]): string {
  return lines.map((line) => `${line}\r\n`).join('');
}

/** The process server registered with this IP address in a configuration server's fabric, with its configuration server. */
function registeredProcessServer(services: ArmServices, ipAddress: string): { readonly fabric: ArmResource; readonly server: JsonObject; readonly hostName: string } | undefined {
  for (const configurationServer of services.state.configurationServers) {
    const fabric = services.state.get(configurationServer.fabricId);
    const server = fabric === undefined ? undefined : processServersOf(fabric).find((entry) => entry['ipAddress'] === ipAddress);
    if (fabric !== undefined && server !== undefined) {
      return { fabric, server, hostName: configurationServer.hostName };
    }
  }
  return undefined;
}

/** Runs the unregistration script "on" the VM. */
export function unregister(services: ArmServices, vm: ArmResource, args: ScriptArguments): ScriptOutcome {
  const ipAddress = args.mandatoryString('ProcessServerIpAddress');
  const port = args.integerInRange('DataTransferPort', 9443, 1, 65535);
  if (!isIPv4(ipAddress)) {
    failScript(1, `ERROR: The process server IP address (ProcessServerIpAddress) '${ipAddress}' is not an IPv4 address.\r\n`);
  }
  const vmAddress = primaryAddressOf(services.state, vm)?.privateIpAddress ?? '';
  if (vmAddress !== ipAddress) {
    failScript(1, `ERROR: ${ipAddress} (ProcessServerIpAddress) is not an IPv4 address of this VM (${vmAddress}): a process server is removed only from the VM it runs on.\r\n`);
  }
  const lines = [`Checking for replication connections on the data transfer port ${port}...`];
  const registration = registeredProcessServer(services, ipAddress);
  const machines = registration === undefined ? 0 : countOf(registration.server, 'machineCount');
  if (machines > 0) {
    failScript(
      4,
      `ERROR: The process server still has replication connections on its data transfer port ${port} from ${machines} address(es): it still serves replicated machines. Switch them to another process server first.\r\n`,
      text(lines),
    );
  }
  lines.push(`No replication connection on port ${port}.`);
  if (registration === undefined) {
    lines.push(...programs.map((program) => `'${program.displayName}' is not installed: skipped.`), `Done: 0 program(s) uninstalled, ${programs.length} not installed.`);
    return { exitCode: 0, output: text(lines), error: '' };
  }
  const { fabric, server, hostName } = registration;
  const version = typeof server['agentVersion'] === 'string' ? ` ${server['agentVersion']}` : '';
  for (const program of programs) {
    const name = `'${program.displayName}'`;
    lines.push(`Uninstalling ${name}${program.versioned ? version : ''} with ${program.how}...`, `The uninstaller of ${name} exited with code 0.`, `${name} uninstalled.`);
  }
  lines.push(`Done: ${programs.length} program(s) uninstalled, 0 not installed.`, 'The configuration server can take up to 15 minutes to stop listing the process server.');
  return {
    exitCode: 0,
    error: '',
    output: text(lines),
    followUp: {
      delayMs: services.settings.registrationDelayMs,
      kind: 'processServerUnregistration',
      description: `process server ${ipAddress} leaves configuration server ${hostName}`,
      action: () => {
        setProcessServers(fabric, processServersOf(fabric).filter((entry) => entry['ipAddress'] !== ipAddress));
      },
    },
  };
}
