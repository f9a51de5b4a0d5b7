/**
 * The path check (`src/registration/scripts/checkPathToConfigurationServer.ps1`), simulated: the same lines and the
 * same `ASR-FAILBACK-PATH-CHECK {json}` last line, computed from the emulated network (onPremisesNetwork.ts). Windows
 * Firewall on the VM is simulated as letting the data transfer port in.
 */
import { isIP } from 'node:net';
import type { ArmState } from '../arm/state';
import type { ArmResource } from '../arm/types';
import { connectFromVm, findConfigurationServer } from './onPremisesNetwork';
import { PATH_CHECK_RESULT_PREFIX, type ScriptOutcome } from './scriptOutcome';
import type { ScriptArguments } from './scriptParameters';

/** The script's connection timeout, in seconds. */
const CONNECT_TIMEOUT_SECONDS = 5;

interface NameResolution {
  readonly ok: boolean;
  readonly addresses: readonly string[];
  readonly message: string;
}

interface PortCheck {
  readonly port: number;
  readonly ok: boolean;
  readonly message: string;
}

/** An IP needs no lookup; a seeded configuration server's host name resolves to its IP; any other name to nothing. */
function nameResolution(state: ArmState, address: string): NameResolution {
  if (isIP(address) !== 0) {
    return { ok: true, addresses: [address], message: `${address} is an IP address: no name to resolve.` };
  }
  const server = findConfigurationServer(state, address);
  if (server === undefined) {
    return { ok: false, addresses: [], message: `Resolving ${address} failed: No such host is known` };
  }
  return { ok: true, addresses: [server.ipAddress], message: `${address} resolves to ${server.ipAddress}.` };
}

function configurationServerPort(state: ArmState, vm: ArmResource, address: string, port: number, resolution: NameResolution): PortCheck {
  const target = `${address}:${port}`;
  if (!resolution.ok) {
    return { port, ok: false, message: `Not tested: ${address} did not resolve.` };
  }
  switch (connectFromVm(state, vm, address, port)) {
    case 'connected':
      return { port, ok: true, message: `TCP connection to ${target} succeeded.` };
    case 'refused':
      return {
        port,
        ok: false,
        message: `TCP connection to ${target} failed: No connection could be made because the target machine actively refused it ${resolution.addresses.join(', ')}:${port}`,
      };
    case 'timedOut':
      return {
        port,
        ok: false,
        message: `No answer from ${target} within ${CONNECT_TIMEOUT_SECONDS} s: check the site-to-site VPN or ExpressRoute and the on-premises firewall.`,
      };
  }
}

/** Runs the path check "on" the VM: exit 0 whenever the arguments bind, the verdicts in the last stdout line. */
export function checkPath(state: ArmState, vm: ArmResource, args: ScriptArguments): ScriptOutcome {
  const address = args.mandatoryString('ConfigurationServerAddress');
  const port = args.integerInRange('ConfigurationServerPort', 443, 1, 65535);
  const dataTransferPort = args.integerInRange('DataTransferPort', 9443, 1, 65535);
  const resolution = nameResolution(state, address);
  const result = {
    nameResolution: resolution,
    configurationServerPort: configurationServerPort(state, vm, address, port, resolution),
    dataTransferPort: { port: dataTransferPort, ok: true, message: `Windows Firewall allows inbound TCP ${dataTransferPort}: rule 'Simulated by the emulator'.` },
  };
  const lines = [
    `Checking the path to the configuration server ${address}...`,
    ...Object.values(result).map((check) => check.message),
    `${PATH_CHECK_RESULT_PREFIX}${JSON.stringify(result)}`,
  ];
  return { exitCode: 0, output: lines.map((line) => `${line}\r\n`).join(''), error: '' };
}
