/**
 * The on-premises side, simulated: a script carrying a marker line and run on an Azure VM registers that VM as a
 * process server with a classic configuration server (`src/registration/scripts/registerProcessServer.ps1`: Unified
 * Setup in process-server mode), unregisters it (processServerUnregistration.ts), or checks the path to the
 * configuration server (pathCheck.ts).
 * Registration succeeds only when what the real script and Unified Setup need holds: arguments that bind and pass the
 * script's checks, a configuration server answering on 443 through a VPN/ExpressRoute gateway (onPremisesNetwork.ts),
 * and its passphrase. Output imitates the script's lines and the setup log tail it prints.
 */
import { randomUUID } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { primaryAddressOf } from '../arm/network/networkQueries';
import { customDetailsOf, processServersOf, setProcessServers } from '../arm/recoveryServices/processServers';
import { propertiesOf } from '../arm/resourceHelpers';
import type { ArmServices } from '../arm/services';
import { isJsonObject, type ArmResource, type JsonObject } from '../arm/types';
import { connectFromVm, findConfigurationServer } from './onPremisesNetwork';
import { checkPath } from './pathCheck';
import { unregister } from './processServerUnregistration';
import { CHECK_PATH_MARKER, REGISTER_MARKER, UNREGISTER_MARKER, type ScriptOutcome } from './scriptOutcome';
import { failScript, ScriptArguments, ScriptFailure } from './scriptParameters';

/** Named script parameters (plain and protected merged; protected ones win). */
export type ScriptParameters = ReadonlyMap<string, string>;

const SETUP_LOG = 'C:\\ProgramData\\ASRSetupLogs\\ASRUnifiedSetup.log';

/** The installer URL as the script prints it: without its query (a SAS) and fragment. */
function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** The arguments of the registration script, checked as its param block and its first lines check them. */
interface RegistrationArguments {
  readonly address: string;
  readonly port: number;
  readonly dataTransferPort: number;
  readonly processServerIpAddress: string;
  readonly installerUrl: URL;
  readonly passphrase: string;
}

function registrationArguments(args: ScriptArguments): RegistrationArguments {
  const address = args.mandatoryString('ConfigurationServerAddress');
  const port = args.integerInRange('ConfigurationServerPort', 443, 1, 65535);
  const dataTransferPort = args.integerInRange('DataTransferPort', 9443, 1, 65535);
  args.oneOf('InstallLocationSwitch', ['InstallLocation', 'InstallDrive'], 'InstallLocation');
  args.oneOf('EnvironmentType', ['VMware', 'NonVMware'], 'VMware');
  const passphrase = args.optionalString('ConfigurationServerPassphrase');
  if (passphrase === '') {
    failScript(1, 'ERROR: The configuration server passphrase (ConfigurationServerPassphrase) is missing.\r\n');
  }
  const installerUrl = URL.parse(args.optionalString('InstallerUrl'));
  if (installerUrl?.protocol !== 'https:') {
    failScript(1, 'ERROR: The installer URL (InstallerUrl) must be an absolute https URL of MicrosoftAzureSiteRecoveryUnifiedSetup.exe.\r\n');
  }
  const processServerIpAddress = args.optionalString('ProcessServerIpAddress');
  if (!isIPv4(processServerIpAddress)) {
    failScript(1, `ERROR: The process server IP address (ProcessServerIpAddress) '${processServerIpAddress}' is not an IPv4 address.\r\n`);
  }
  if (args.optionalString('InstallLocation').trim() === '') {
    failScript(1, 'ERROR: The install location (InstallLocation) is missing.\r\n');
  }
  return { address, port, dataTransferPort, processServerIpAddress, installerUrl, passphrase };
}

/** How long the simulated process server's SSL certificate is valid (simulated: no source gives Unified Setup's). */
const SSL_CERTIFICATE_VALIDITY_DAYS = 730;

function newProcessServer(vm: ArmResource, ipAddress: string, agentVersion: string): JsonObject {
  const now = new Date().toISOString();
  const sslCertExpiryDate = new Date(Date.now() + SSL_CERTIFICATE_VALIDITY_DAYS * 24 * 60 * 60 * 1000).toISOString();
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
    sslCertExpiryDate,
    sslCertExpiryRemainingDays: SSL_CERTIFICATE_VALIDITY_DAYS,
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

/** What the script prints from its reachability check to Unified Setup's end, then the setup log's tail. */
function setupRunOutput(registration: RegistrationArguments, setupExitCode: number, setupLogLines: readonly string[]): string {
  const target = `${registration.address}:${registration.port}`;
  const workDirectory = `C:\\Windows\\TEMP\\asr-failback-${randomUUID().replaceAll('-', '')}`;
  return [
    `Checking that the configuration server ${target} answers...`,
    `The configuration server ${target} answers.`,
    `Downloading Unified Setup from ${displayUrl(registration.installerUrl)}...`,
    `Extracting Unified Setup to ${workDirectory}\\Extracted...`,
    `Running Unified Setup in process-server mode (configuration server ${registration.address}, process server ${registration.processServerIpAddress}, data transfer port ${registration.dataTransferPort})...`,
    `Unified Setup exited with code ${setupExitCode}.`,
    `----- Last 30 lines of ${SETUP_LOG} -----`,
    ...setupLogLines,
  ].map((line) => `${line}\r\n`).join('');
}

function register(services: ArmServices, vm: ArmResource, args: ScriptArguments): ScriptOutcome {
  const registration = registrationArguments(args);
  const { address, port } = registration;
  const server = findConfigurationServer(services.state, address);
  const network = primaryAddressOf(services.state, vm);
  const fabric = server === undefined ? undefined : services.state.get(server.fabricId);
  const connection = connectFromVm(services.state, vm, address, port);
  if (server === undefined || network === undefined || fabric === undefined || connection !== 'connected') {
    const reason = connection === 'refused' && server !== undefined
      ? `No connection could be made because the target machine actively refused it ${server.ipAddress}:${port}`
      : 'no answer within 10 s. Check the site-to-site VPN or ExpressRoute and the on-premises firewall.';
    failScript(
      2,
      `ERROR: Unable to connect to the configuration server ${address}:${port}: ${reason}\r\n`,
      `Checking that the configuration server ${address}:${port} answers...\r\n`,
    );
  }
  if (registration.passphrase !== server.passphrase) {
    failScript(
      3,
      `ERROR: Unified Setup exited with code 3; see the setup log lines above (C:\\ProgramData\\ASRSetupLogs).\r\n`,
      setupRunOutput(registration, 3, [
        `Connecting to the configuration server ${address}:443... OK`,
        'Validating the connection passphrase... FAILED',
        'The passphrase is invalid. Run "%ProgramData%\\ASR\\home\\svsystems\\bin\\genpassphrase.exe -v" on the configuration server to see the current passphrase, then try again.',
      ]),
    );
  }
  const agentVersion = typeof customDetailsOf(fabric)['agentVersion'] === 'string' ? String(customDetailsOf(fabric)['agentVersion']) : '9.62.7172.1';
  const ipAddress = network.privateIpAddress;
  return {
    exitCode: 0,
    error: '',
    output: setupRunOutput(registration, 0, [
      `Connecting to the configuration server ${address}:443... OK`,
      'Validating the connection passphrase... OK',
      `Registering process server ${ipAddress} (data transfer port ${registration.dataTransferPort}) with the configuration server...`,
      'Restarting service obengine... OK',
      'Process server registration succeeded.',
    ]),
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

/** Runs a script "on" the VM: the registration contract for marked scripts, an empty success for anything else. */
export function simulateScript(services: ArmServices, vm: ArmResource, script: string, parameters: ScriptParameters): ScriptOutcome {
  const lines = script.split(/\r?\n/).map((line) => line.trim());
  const args = new ScriptArguments(parameters);
  try {
    if (lines.includes(REGISTER_MARKER)) {
      return register(services, vm, args);
    }
    if (lines.includes(UNREGISTER_MARKER)) {
      return unregister(services, vm, args);
    }
    if (lines.includes(CHECK_PATH_MARKER)) {
      return checkPath(services.state, vm, args);
    }
  } catch (error: unknown) {
    if (error instanceof ScriptFailure) {
      return error.outcome;
    }
    throw error;
  }
  return { exitCode: 0, output: '', error: '' };
}
