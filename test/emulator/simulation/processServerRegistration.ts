/**
 * The on-premises side, simulated: a script carrying a marker line and run on an Azure VM registers that VM as a
 * process server with a classic configuration server (or unregisters it), succeeding only when what a real
 * cspsconfigtool/UnifiedSetup run needs holds: the CS address and port 443, the passphrase, and a VPN/ExpressRoute
 * gateway on the VM's virtual network. Output imitates the setup tools' messages.
 */
import { randomUUID } from 'node:crypto';
import { gatewaysOf, primaryAddressOf, virtualNetworkIdOf } from '../arm/network/networkQueries';
import { liveProperties, propertiesOf } from '../arm/resourceHelpers';
import type { ArmServices } from '../arm/services';
import type { SeedConfigurationServer } from '../arm/seed';
import { isJsonObject, type ArmResource, type JsonObject } from '../arm/types';
import { REGISTER_MARKER, UNREGISTER_MARKER, type ScriptOutcome } from './scriptOutcome';

/** Named script parameters (plain and protected merged; protected ones win). */
export type ScriptParameters = ReadonlyMap<string, string>;

function failure(exitCode: number, error: string, output = ''): ScriptOutcome {
  return { exitCode, output, error };
}

function customDetailsOf(fabric: ArmResource): JsonObject {
  const details = propertiesOf(fabric)['customDetails'];
  return isJsonObject(details) ? details : {};
}

function processServersOf(fabric: ArmResource): JsonObject[] {
  const servers = customDetailsOf(fabric)['processServers'];
  return Array.isArray(servers) ? servers.filter(isJsonObject) : [];
}

function setProcessServers(fabric: ArmResource, servers: JsonObject[]): void {
  const details = customDetailsOf(fabric);
  details['processServers'] = servers;
  details['processServerCount'] = String(servers.length);
  liveProperties(fabric)['customDetails'] = details;
}

function findConfigurationServer(services: ArmServices, address: string): SeedConfigurationServer | undefined {
  const wanted = address.trim().toLowerCase();
  return services.state.configurationServers.find((server) => server.ipAddress === wanted || server.hostName.toLowerCase() === wanted);
}

function unreachable(address: string, port: string): ScriptOutcome {
  return failure(
    2,
    `ERROR: Unable to connect to the configuration server ${address}:${port}. A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond. (10060)\r\n`
      + 'Verify that the configuration server is reachable on port 443 from this machine (site-to-site VPN or ExpressRoute) and try again.',
    `Registering the process server with the configuration server ${address}:${port}...\r\n`,
  );
}

function newProcessServer(vm: ArmResource, ipAddress: string, agentVersion: string): JsonObject {
  const now = new Date().toISOString();
  const osProfile = propertiesOf(vm)['osProfile'];
  const computerName = isJsonObject(osProfile) && typeof osProfile['computerName'] === 'string' ? osProfile['computerName'] : vm.name;
  const id = randomUUID().toUpperCase();
  return {
    friendlyName: computerName,
    id,
    ipAddress,
    osType: 'Windows',
    osVersion: 'Microsoft Windows Server 2012 R2 Datacenter',
    agentVersion,
    lastHeartbeat: now,
    versionStatus: 'Latest',
    mobilityServiceUpdates: [],
    hostId: id,
    machineCount: '0',
    replicationPairCount: '0',
    systemLoad: '0',
    systemLoadStatus: 'Healthy',
    cpuLoad: '3',
    cpuLoadStatus: 'Healthy',
    totalMemoryInBytes: 17179869184,
    availableMemoryInBytes: 14495514624,
    memoryUsageStatus: 'Healthy',
    totalSpaceInBytes: 136367308800,
    availableSpaceInBytes: 109521666048,
    spaceUsageStatus: 'Healthy',
    psServiceStatus: 'Running',
    healthErrors: [],
    agentVersionDetails: { version: agentVersion, status: 'Supported' },
    health: 'Normal',
    psStatsRefreshTime: now,
    throughputUploadPendingDataInBytes: 0,
    throughputInMBps: 0,
    throughputInBytes: 0,
    throughputStatus: 'Healthy',
    marsCommunicationStatus: 'Connected',
    marsRegistrationStatus: 'Registered',
  };
}

function register(services: ArmServices, vm: ArmResource, parameters: ScriptParameters): ScriptOutcome {
  const address = parameters.get('ConfigurationServerAddress') ?? '';
  const port = parameters.get('ConfigurationServerPort') ?? '';
  const dataTransferPort = parameters.get('DataTransferPort') ?? '9443';
  const passphrase = parameters.get('ConfigurationServerPassphrase');
  if (address === '' || passphrase === undefined || passphrase === '') {
    return failure(1, 'ERROR: Missing argument. Usage: cspsconfigtool.exe requires the configuration server address, port and the connection passphrase.');
  }
  if (!/^\d+$/.test(dataTransferPort) || Number(dataTransferPort) < 1 || Number(dataTransferPort) > 65535) {
    return failure(1, `ERROR: The data transfer port '${dataTransferPort}' is not a valid port number.`);
  }
  const network = primaryAddressOf(services.state, vm);
  const hasGateway = network !== undefined && gatewaysOf(services.state, virtualNetworkIdOf(network.subnetId)).length > 0;
  const server = findConfigurationServer(services, address);
  if (network === undefined || !hasGateway || server === undefined || port !== '443') {
    return unreachable(address, port);
  }
  if (passphrase !== server.passphrase) {
    return failure(
      3,
      'ERROR: The passphrase is invalid. Run "%ProgramData%\\ASR\\home\\svsystems\\bin\\genpassphrase.exe -v" on the configuration server to see the current passphrase, then try again.',
      `Connected to the configuration server ${address}:443.\r\nValidating the connection passphrase...\r\n`,
    );
  }
  const fabric = services.state.get(server.fabricId);
  if (fabric === undefined) {
    return unreachable(address, port);
  }
  const agentVersion = typeof customDetailsOf(fabric)['agentVersion'] === 'string' ? String(customDetailsOf(fabric)['agentVersion']) : '9.62.7172.1';
  const ipAddress = network.privateIpAddress;
  return {
    exitCode: 0,
    error: '',
    output:
      `Connected to the configuration server ${address}:443.\r\nValidating the connection passphrase... OK\r\n`
      + `Registering process server ${ipAddress} (data transfer port ${dataTransferPort}) with the configuration server...\r\n`
      + 'Restarting service obengine... OK\r\nProcess server registration succeeded.\r\n',
    followUp: {
      delayMs: services.settings.registrationDelayMs,
      kind: 'processServerRegistration',
      description: `process server ${ipAddress} appears under configuration server ${server.hostName}`,
      action: () => {
        const servers = processServersOf(fabric).filter((entry) => entry['ipAddress'] !== ipAddress);
        setProcessServers(fabric, [...servers, newProcessServer(vm, ipAddress, agentVersion)]);
      },
    },
  };
}

function unregister(services: ArmServices, parameters: ScriptParameters): ScriptOutcome {
  const ipAddress = parameters.get('ProcessServerIpAddress') ?? '';
  const fabrics = services.state.configurationServers
    .map((server) => services.state.get(server.fabricId))
    .filter((fabric): fabric is ArmResource => fabric !== undefined);
  const fabric = fabrics.find((candidate) => processServersOf(candidate).some((entry) => entry['ipAddress'] === ipAddress));
  if (fabric === undefined) {
    return failure(1, `ERROR: No process server with IP address ${ipAddress} is registered with a configuration server.`);
  }
  const server = processServersOf(fabric).find((entry) => entry['ipAddress'] === ipAddress);
  const machines = Number(server?.['machineCount'] ?? '0');
  if (machines > 0) {
    return failure(
      4,
      `ERROR: The process server ${ipAddress} is still serving ${machines} replicated machine(s). Switch them to another process server before unregistering it.`,
    );
  }
  setProcessServers(fabric, processServersOf(fabric).filter((entry) => entry['ipAddress'] !== ipAddress));
  return { exitCode: 0, error: '', output: `Unregister-ASRComponent: process server ${ipAddress} was unregistered from the configuration server.\r\n` };
}

/** Runs a script "on" the VM: the registration contract for marked scripts, an empty success for anything else. */
export function simulateScript(services: ArmServices, vm: ArmResource, script: string, parameters: ScriptParameters): ScriptOutcome {
  const lines = script.split(/\r?\n/).map((line) => line.trim());
  if (lines.includes(REGISTER_MARKER)) {
    return register(services, vm, parameters);
  }
  if (lines.includes(UNREGISTER_MARKER)) {
    return unregister(services, parameters);
  }
  return { exitCode: 0, output: '', error: '' };
}
