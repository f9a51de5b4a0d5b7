import * as vscode from 'vscode';
import type { AzureSdk } from '../azure/azureSdk';
import { errorMessage } from '../azure/azureErrors';
import type { ManagedProcessServerVm } from '../deployment/managedProcessServerVm';
import { checkPathFromVm, type ConfigurationServerConnection, type PathCheckReport } from '../registration/pathCheck';
import { HEARTBEAT_FRESHNESS_MS } from '../registration/heartbeat';
import type { PollingOptions } from '../services/deploymentService';
import type { SubscriptionServices } from '../services/subscriptionServices';
import type { ProcessServerInfo, SiteRecoveryFabric, VaultInfo } from '../siteRecovery/model';

/** Site Recovery's certificate warning comes 30 days ahead; the report warns then too. */
export const CERTIFICATE_WARNING_DAYS = 30;

/** One line of a diagnosis: what was found and whether it needs the user's attention. */
export interface DiagnosisFinding {
  readonly severity: 'ok' | 'warning' | 'info';
  readonly text: string;
}

/** What "Diagnose Process Server" found. */
export interface ProcessServerDiagnosis {
  readonly serverName: string;
  readonly findings: readonly DiagnosisFinding[];
  /** The VM's power state (e.g. running, deallocated), for a process server this extension deployed. */
  readonly powerState: string | undefined;
  readonly pathCheck: PathCheckReport | undefined;
}

/** What a diagnosis reads. */
export interface DiagnosisInput {
  readonly vault: VaultInfo;
  readonly fabric: SiteRecoveryFabric;
  readonly server: ProcessServerInfo | undefined;
  readonly deployedVm: ManagedProcessServerVm | undefined;
  /** The services of the vault's subscription (the fabric), and of the VM's. */
  readonly vaultServices: SubscriptionServices;
  readonly vmServices: SubscriptionServices | undefined;
  /** Where the path check connects to: the deployment's plan, or the configuration server's own address. */
  readonly connection: ConfigurationServerConnection;
}

/** The power state of a VM read with its instance view ("running", "deallocated", …). */
export function powerStateOf(vm: AzureSdk.VirtualMachine): string | undefined {
  return vm.instanceView?.statuses?.find((status) => status.code?.startsWith('PowerState/') === true)?.code?.slice('PowerState/'.length);
}

function minutesAgo(time: Date, now: Date): number {
  return Math.floor((now.getTime() - time.getTime()) / 60000);
}

/** The findings Site Recovery's own figures give (from a fresh read of the fabric). */
function fabricFindings(server: ProcessServerInfo | undefined, configurationServer: string, now: Date): DiagnosisFinding[] {
  if (server === undefined) {
    return [{ severity: 'warning', text: vscode.l10n.t('{0} does not report this process server: it is not registered (run "Re-register Process Server").', configurationServer) }];
  }
  const findings: DiagnosisFinding[] = [];
  const heartbeat = server.lastHeartbeat;
  if (heartbeat === undefined) {
    findings.push({ severity: 'warning', text: vscode.l10n.t('No heartbeat has been reported yet.') });
  } else if (now.getTime() - heartbeat.getTime() >= HEARTBEAT_FRESHNESS_MS) {
    findings.push({
      severity: 'warning',
      text: vscode.l10n.t(
        'No heartbeat for {0} minutes (last {1}): Site Recovery raises its critical alert after 15 minutes (error 806). Check that the VM runs, that its services run, and the path to {2} (Diagnose runs it for a VM this extension deployed).',
        minutesAgo(heartbeat, now),
        heartbeat.toISOString(),
        configurationServer,
      ),
    });
  } else {
    findings.push({ severity: 'ok', text: vscode.l10n.t('Heartbeat {0} minute(s) ago.', minutesAgo(heartbeat, now)) });
  }
  findings.push(
    server.serviceStatus === undefined || server.serviceStatus.toLowerCase() === 'running'
      ? { severity: 'ok', text: vscode.l10n.t('Services: {0}.', server.serviceStatus ?? vscode.l10n.t('not reported')) }
      : { severity: 'warning', text: vscode.l10n.t('Services: {0}. Site Recovery warns when the process server services have not run for 15 minutes.', server.serviceStatus) },
  );
  findings.push(
    server.health === 'Warning' || server.health === 'Critical' || server.healthErrors.length > 0
      ? { severity: 'warning', text: vscode.l10n.t('Health {0}: {1}', server.health, server.healthErrors.join('; ') || vscode.l10n.t('no health error given')) }
      : { severity: 'ok', text: vscode.l10n.t('Health {0}, no health errors.', server.health) },
  );
  const remainingDays = server.sslCertExpiryRemainingDays ?? (server.sslCertExpiry === undefined ? undefined : Math.floor((server.sslCertExpiry.getTime() - now.getTime()) / 86_400_000));
  if (remainingDays === undefined) {
    findings.push({ severity: 'info', text: vscode.l10n.t('The certificate expiry is not reported.') });
  } else if (remainingDays < CERTIFICATE_WARNING_DAYS) {
    findings.push({
      severity: 'warning',
      text: vscode.l10n.t('The SSL certificate expires in {0} day(s) ({1}): renew it before it does, or replication through this process server stops.', remainingDays, server.sslCertExpiry?.toISOString() ?? '-'),
    });
  } else {
    findings.push({ severity: 'ok', text: vscode.l10n.t('The SSL certificate expires in {0} days.', remainingDays) });
  }
  findings.push({
    severity: 'info',
    text: vscode.l10n.t('Serves {0} replicated machine(s) and {1} replication pair(s).', server.machineCount ?? '-', server.replicationPairCount ?? '-'),
  });
  return findings;
}

/**
 * Diagnoses a process server: Site Recovery's figures from a fresh read of its configuration server (heartbeat age,
 * services, health errors, certificate expiry, what it serves) and, for a VM this extension deployed that runs, the
 * deployment's path checks again. Warnings for a heartbeat 15 minutes old (error 806) and a certificate within 30 days.
 */
export async function diagnoseProcessServer(input: DiagnosisInput, polling: PollingOptions, now: () => Date): Promise<ProcessServerDiagnosis> {
  const { fabric, deployedVm } = input;
  const fresh = await input.vaultServices.fabrics.get(input.vault, fabric.name, polling.signal);
  const ipAddress = input.server?.ipAddress ?? deployedVm?.privateIpAddress;
  const server = fresh.processServers.find((candidate) => (ipAddress !== undefined && candidate.ipAddress === ipAddress) || candidate.id === input.server?.id);
  const findings = fabricFindings(server, fabric.friendlyName, now());
  const serverName = server?.friendlyName ?? deployedVm?.name ?? ipAddress ?? '';
  if (deployedVm === undefined || input.vmServices === undefined) {
    findings.push({ severity: 'info', text: vscode.l10n.t('Not deployed by this extension: the path checks run only on a VM it deployed.') });
    return { serverName, findings, powerState: undefined, pathCheck: undefined };
  }
  const { deployment } = input.vmServices;
  const vm = await deployment.getVirtualMachine(deployedVm.id, polling.signal);
  if (vm === undefined) {
    findings.push({ severity: 'warning', text: vscode.l10n.t('The VM {0} no longer exists.', deployedVm.id) });
    return { serverName, findings, powerState: undefined, pathCheck: undefined };
  }
  const powerState = powerStateOf(vm);
  if (powerState !== 'running') {
    findings.push({ severity: 'warning', text: vscode.l10n.t('The VM {0} is {1}: the process server cannot work, and the path checks were not run. Start the VM.', deployedVm.name, powerState ?? vscode.l10n.t('in an unknown power state')) });
    return { serverName, findings, powerState, pathCheck: undefined };
  }
  const nicId = vm.networkProfile?.networkInterfaces?.at(0)?.id;
  if (nicId === undefined) {
    findings.push({ severity: 'warning', text: vscode.l10n.t('The VM {0} has no network interface.', deployedVm.name) });
    return { serverName, findings, powerState, pathCheck: undefined };
  }
  try {
    const pathCheck = await checkPathFromVm(deployment, { id: deployedVm.id, name: deployedVm.name, location: deployedVm.location, tags: vm.tags ?? {} }, nicId, input.connection, polling);
    findings.push(
      pathCheck.verdict.cause === undefined
        ? { severity: 'ok', text: vscode.l10n.t('The path to the configuration server holds.') }
        : { severity: 'warning', text: pathCheck.verdict.cause },
    );
    return { serverName, findings, powerState, pathCheck };
  } catch (error) {
    if (polling.signal.aborted) {
      throw error;
    }
    findings.push({ severity: 'warning', text: vscode.l10n.t('The path checks could not run: {0}', errorMessage(error)) });
    return { serverName, findings, powerState, pathCheck: undefined };
  }
}
