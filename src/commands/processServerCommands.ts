import * as vscode from 'vscode';
import type { AzureAccount } from '../azure/azureAccount';
import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import { errorMessage } from '../azure/azureErrors';
import type { DeploymentLedger } from '../deployment/deploymentLedger';
import type { DeploymentPacing } from '../deployment/executeStep';
import { removeDeploymentResources, type RemovalOutcome } from '../deployment/rollback';
import { diagnoseProcessServer, type ProcessServerDiagnosis } from '../diagnosis/processServerDiagnosis';
import type { ExtensionLog } from '../logging/extensionLog';
import { waitForHeartbeat } from '../registration/heartbeat';
import type { ConfigurationServerConnection } from '../registration/pathCheck';
import { registerOnVm } from '../registration/processServerRegistration';
import { UNREGISTER_PROCESS_SERVER_SCRIPT } from '../registration/registrationScripts';
import { lastLines, runScriptOnVm } from '../registration/vmScript';
import { planRemoval, replicationsServed, unregisterCommandFor, type RemovalPlan } from '../removal/removalPlan';
import type { PendingRemoval, PendingRemovals } from '../removal/pendingRemovals';
import type { ManagedProcessServerVm } from '../deployment/managedProcessServerVm';
import { listConfigurationServers } from '../services/configurationServerListing';
import type { DeployedProcessServerIndex } from '../services/deployedProcessServerIndex';
import type { PollingOptions } from '../services/deploymentService';
import type { InfrastructureServices } from '../services/subscriptionServices';
import type { InfrastructureTarget } from '../siteRecovery/infrastructureTarget';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import { UserCancelledError } from '../util/userCancelledError';
import type { PassphraseStore } from '../wizard/addProcessServer/steps/configurationServerConnectionSteps';
import { UNIFIED_SETUP_DOWNLOAD_URL } from '../wizard/addProcessServer/steps/imageSteps';
import type { UserInput } from '../wizard/userInput';
import { registrationSettings } from './deployProcessServer';

/** The process server's replication port when its plan is not known here. */
const DEFAULT_DATA_TRANSFER_PORT = 9443;

/** What the process-server commands use. */
export interface ProcessServerCommandDependencies {
  readonly account: AzureAccount;
  readonly services: InfrastructureServices;
  readonly deployedVms: DeployedProcessServerIndex;
  readonly ledger: DeploymentLedger;
  readonly pendingRemovals: PendingRemovals;
  readonly passphrases: PassphraseStore;
  readonly log: ExtensionLog;
  readonly pacing: DeploymentPacing;
  readonly refreshConfigurationServer: (fabricId: string) => Promise<void>;
}

type ProcessServerTarget = Extract<InfrastructureTarget, { kind: 'processServer' }>;

/** The process server a right-click names, or the one the user picks from the Command Palette. */
async function processServerTarget(dependencies: ProcessServerCommandDependencies, target: InfrastructureTarget | undefined, ui: UserInput, title: string): Promise<ProcessServerTarget> {
  if (target?.kind === 'processServer') {
    return target;
  }
  if (target !== undefined) {
    throw new Error(vscode.l10n.t('{0} works on a process server: right-click one in the tree, or run the command from the Command Palette.', title));
  }
  const reads = new AbortController();
  try {
    const servers = (async () => {
      const locations = await listConfigurationServers(await dependencies.account.listSubscriptions({ reuse: true }), (subscription) => dependencies.services.forSubscription(subscription), reads.signal);
      const perServer = await Promise.all(
        locations.map(async (location) => {
          const deployed = await dependencies.deployedVms.forConfigurationServer(location.fabric.id, reads.signal);
          const reported: ProcessServerTarget[] = location.fabric.processServers.map((server) => ({
            kind: 'processServer',
            ...location,
            server,
            deployedVm: deployed.find((vm) => vm.privateIpAddress === server.ipAddress),
          }));
          const unregistered: ProcessServerTarget[] = deployed
            .filter((vm) => !location.fabric.processServers.some((server) => server.ipAddress === vm.privateIpAddress))
            .map((vm) => ({ kind: 'processServer', ...location, server: undefined, deployedVm: vm }));
          return [...reported, ...unregistered];
        }),
      );
      const all = perServer.flat();
      if (all.length === 0) {
        throw new Error(vscode.l10n.t('No process server was found under the configuration servers you can reach.'));
      }
      return all.map((server) => ({
        label: server.server?.friendlyName ?? server.deployedVm?.name ?? '',
        description: [server.server?.ipAddress ?? server.deployedVm?.privateIpAddress, server.fabric.friendlyName].filter((part) => part !== undefined).join(' · '),
        detail: server.deployedVm === undefined ? vscode.l10n.t('not deployed by this extension') : vscode.l10n.t('deployed in Azure by this extension'),
        key: `${server.fabric.id}/${server.server?.id ?? server.deployedVm?.id ?? ''}`.toLowerCase(),
        data: server,
      }));
    })();
    const picked = await ui.pick({ title, step: 1, totalSteps: 1, placeholder: vscode.l10n.t('Pick the process server'), items: servers });
    return picked.data;
  } finally {
    reads.abort(new DOMException('The pick ended.', 'AbortError'));
  }
}

/** The subscription a VM this extension deployed sits in, among the signed-in ones. */
async function subscriptionOf(account: AzureAccount, subscriptionId: string): Promise<AzureSubscriptionContext> {
  const found = (await account.listSubscriptions({ reuse: true })).find((subscription) => subscription.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
  if (found === undefined) {
    throw new Error(vscode.l10n.t('The subscription {0} of the VM is not among the signed-in subscriptions: select it in "Select Subscriptions…".', subscriptionId));
  }
  return found;
}

/** Where a deployed process server connects to: its deployment's plan when this machine ran it, else the fabric's own address. */
function connectionOf(dependencies: ProcessServerCommandDependencies, target: ProcessServerTarget): ConfigurationServerConnection {
  const plan = target.deployedVm === undefined ? undefined : dependencies.ledger.get(target.deployedVm.deploymentId)?.plan;
  if (plan !== undefined) {
    return { address: plan.configurationServer.address, port: plan.configurationServer.port, dataTransferPort: plan.processServer.dataTransferPort };
  }
  const address = target.fabric.ipAddress ?? target.fabric.hostName;
  if (address === undefined) {
    throw new Error(vscode.l10n.t('{0} reports no address to reach it at.', target.fabric.friendlyName));
  }
  return { address, port: 443, dataTransferPort: DEFAULT_DATA_TRANSFER_PORT };
}

/** Runs `work` under a cancellable progress notification; a cancel ends the command as the user's cancellation. */
async function withCancellableProgress<T>(title: string, pacing: DeploymentPacing, work: (polling: PollingOptions, report: (message: string) => void) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const cancel = new AbortController();
    const subscription = token.onCancellationRequested(() => {
      cancel.abort(new DOMException('Cancelled by the user.', 'AbortError'));
    });
    try {
      return await work({ signal: cancel.signal, updateIntervalInMs: pacing.updateIntervalInMs }, (message) => {
        progress.report({ message });
      });
    } catch (error) {
      throw cancel.signal.aborted ? new UserCancelledError(title) : error;
    } finally {
      subscription.dispose();
    }
  });
}

/**
 * "Diagnose Process Server": the report goes to the output channel, its summary to a message. It runs the deploy's
 * path checks again for a VM this extension deployed that runs.
 */
export async function diagnoseCommand(dependencies: ProcessServerCommandDependencies, argument: InfrastructureTarget | undefined, ui: UserInput): Promise<ProcessServerDiagnosis> {
  const { log, services, account } = dependencies;
  const title = vscode.l10n.t('Diagnose Process Server');
  const target = await processServerTarget(dependencies, argument, ui, title);
  const vmSubscription = target.deployedVm === undefined ? undefined : await subscriptionOf(account, target.deployedVm.subscriptionId);
  const name = target.server?.friendlyName ?? target.deployedVm?.name ?? '';
  const diagnosis = await withCancellableProgress(vscode.l10n.t('Diagnosing the process server {0}', name), dependencies.pacing, (polling) =>
    diagnoseProcessServer(
      {
        vault: target.vault,
        fabric: target.fabric,
        server: target.server,
        deployedVm: target.deployedVm,
        vaultServices: services.forSubscription(target.subscription),
        vmServices: vmSubscription === undefined ? undefined : services.forSubscription(vmSubscription),
        connection: target.deployedVm === undefined ? { address: '', port: 443, dataTransferPort: DEFAULT_DATA_TRANSFER_PORT } : connectionOf(dependencies, target),
      },
      polling,
      () => new Date(),
    ),
  );
  log.info(vscode.l10n.t('Diagnosis of the process server {0} ({1}):', diagnosis.serverName, target.fabric.friendlyName));
  for (const finding of diagnosis.findings) {
    const line = `  ${finding.severity === 'warning' ? vscode.l10n.t('WARNING') : finding.severity === 'ok' ? vscode.l10n.t('OK') : vscode.l10n.t('INFO')} ${finding.text}`;
    if (finding.severity === 'warning') {
      log.warn(line);
    } else {
      log.info(line);
    }
  }
  for (const line of diagnosis.pathCheck?.table ?? []) {
    log.info(`    ${line}`);
  }
  const warnings = diagnosis.findings.filter((finding) => finding.severity === 'warning');
  const showLogs = vscode.l10n.t('Show Logs');
  const summary =
    warnings.length === 0
      ? vscode.l10n.t('{0}: no problem found.', diagnosis.serverName)
      : vscode.l10n.t('{0}: {1} warning(s). {2}', diagnosis.serverName, warnings.length, warnings.map((warning) => warning.text).join(' '));
  void (warnings.length === 0 ? vscode.window.showInformationMessage(summary, showLogs) : vscode.window.showWarningMessage(summary, showLogs)).then((choice) => {
    if (choice === showLogs) {
      log.show();
    }
  });
  return diagnosis;
}

/** The deployed process server of a target, or a message that says why the command does not apply. */
function deployedOnly(target: ProcessServerTarget, action: string): NonNullable<ProcessServerTarget['deployedVm']> {
  if (target.deployedVm === undefined) {
    throw new Error(
      vscode.l10n.t(
        '{0} applies only to a process server this extension deployed; {1} was not. Use its configuration tool (cspsconfigtool) on its own machine.',
        action,
        target.server?.friendlyName ?? '',
      ),
    );
  }
  return target.deployedVm;
}

/** "Re-register Process Server": for a failed registration or a changed passphrase; asks the passphrase, re-runs the registration, waits for a fresh heartbeat. */
export async function reregisterCommand(dependencies: ProcessServerCommandDependencies, argument: InfrastructureTarget | undefined, ui: UserInput): Promise<void> {
  const { log, services, account, passphrases } = dependencies;
  const title = vscode.l10n.t('Re-register Process Server');
  const target = await processServerTarget(dependencies, argument, ui, title);
  const vmInfo = deployedOnly(target, title);
  const passphrase = await ui.input({
    title,
    step: 1,
    totalSteps: 1,
    prompt: vscode.l10n.t('The connection passphrase of {0} (on it, genpassphrase.exe -v shows it)', target.fabric.friendlyName),
    password: true,
    validate: (value) => (value.trim() === '' ? vscode.l10n.t('Enter the passphrase: on the configuration server, genpassphrase.exe -v shows it.') : undefined),
  });
  log.masker.add(passphrase);
  const vmServices = services.forSubscription(await subscriptionOf(account, vmInfo.subscriptionId));
  const connection = connectionOf(dependencies, target);
  const plan = dependencies.ledger.get(vmInfo.deploymentId)?.plan;
  const installerUrl = plan?.processServer.installerSource.kind === 'download' ? plan.processServer.installerSource.url : UNIFIED_SETUP_DOWNLOAD_URL; // the documented download when the plan is not known here
  const settings = registrationSettings();
  const ipAddress = vmInfo.privateIpAddress ?? target.server?.ipAddress ?? '';
  await withCancellableProgress(vscode.l10n.t('Re-registering the process server {0} with {1}', vmInfo.name, target.fabric.friendlyName), dependencies.pacing, async (polling, report) => {
    const vm = await vmServices.deployment.getVirtualMachine(vmInfo.id, polling.signal);
    if (vm === undefined) {
      throw new Error(vscode.l10n.t('The VM {0} no longer exists.', vmInfo.id));
    }
    const startedAt = new Date();
    report(vscode.l10n.t('(1/2) Installing the process server and registering it with {0}', target.fabric.friendlyName));
    log.info(vscode.l10n.t('Re-registering {0} ({1}) with {2}.', vmInfo.name, ipAddress, target.fabric.friendlyName));
    await registerOnVm(
      vmServices.deployment,
      { id: vmInfo.id, name: vmInfo.name, location: vmInfo.location, tags: vm.tags ?? {} },
      { connection, processServerIpAddress: ipAddress, installer: { url: installerUrl, secret: false }, settings, passphrase },
      polling,
      (line) => {
        log.info(line);
      },
    );
    report(vscode.l10n.t('(2/2) Waiting for a heartbeat at {0}', target.fabric.friendlyName));
    await waitForHeartbeat(
      {
        fabrics: services.forSubscription(target.subscription).fabrics,
        vault: target.vault,
        fabricName: target.fabric.name,
        configurationServerName: target.fabric.friendlyName,
        ipAddress,
        since: startedAt,
        timeoutMs: settings.heartbeatTimeoutMs,
        recheckIntervalMs: dependencies.pacing.recheckIntervalMs,
      },
      polling.signal,
      (line) => {
        log.info(line);
      },
    );
  });
  try {
    if ((await passphrases.get(target.fabric.id)) !== undefined) {
      // A remembered passphrase that was replaced is the new one from now on.
      await passphrases.store(target.fabric.id, passphrase);
    }
  } catch (error) {
    log.warn(vscode.l10n.t('Could not update the remembered passphrase in VS Code\'s secret storage: {0}', errorMessage(error)));
  }
  void dependencies.refreshConfigurationServer(target.fabric.id);
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} is registered again with {1}.', vmInfo.name, target.fabric.friendlyName));
}

/** How "Remove Process Server…" ended. */
export type RemovalResult =
  | { readonly kind: 'refusedInUse'; readonly machines: number; readonly pairs: number }
  | { readonly kind: 'notDeployedByExtension'; readonly unregisterCommand: string }
  | { readonly kind: 'declined' }
  | { readonly kind: 'removed'; readonly plan: RemovalPlan; readonly outcome: RemovalOutcome; readonly unregistered: boolean };

/** Offers to move a process server's replications to another one of its configuration server; true once moved. */
async function offerMove(dependencies: ProcessServerCommandDependencies, target: ProcessServerTarget, served: { machines: number; pairs: number }, ui: UserInput): Promise<boolean> {
  const server = target.server;
  const others = target.fabric.processServers.filter((candidate) => candidate.id !== server?.id);
  const message = vscode.l10n.t(
    '{0} still serves {1} replicated machine(s) and {2} replication pair(s), so it is not removed. Move them to another process server of {3} first (Site Recovery\'s "Switch"), wait until the configuration server shows the move (up to 15 minutes), then remove it.',
    server?.friendlyName ?? '',
    served.machines,
    served.pairs,
    target.fabric.friendlyName,
  );
  const choice = await ui.choose<'move'>({ message, choices: others.length === 0 || server === undefined ? [] : [{ label: vscode.l10n.t('Move to Another Process Server…'), data: 'move' }] });
  if (choice !== 'move' || server === undefined) {
    return false;
  }
  const picked = await ui.pick({
    title: vscode.l10n.t('Move the replications of {0}', server.friendlyName),
    step: 1,
    totalSteps: 1,
    placeholder: vscode.l10n.t('The process server of {0} that takes over', target.fabric.friendlyName),
    items: others.map((candidate) => ({
      label: candidate.friendlyName,
      description: [candidate.ipAddress, vscode.l10n.t('{0} machines', candidate.machineCount ?? '-'), candidate.health].filter((part) => part !== undefined).join(' · '),
      key: candidate.id,
      data: candidate,
    })),
  });
  await withCancellableProgress(vscode.l10n.t('Moving the replications of {0} to {1}', server.friendlyName, picked.data.friendlyName), dependencies.pacing, (polling) =>
    dependencies.services.forSubscription(target.subscription).fabrics.moveReplications(target.vault, target.fabric.name, server.id, picked.data.id, polling),
  );
  dependencies.log.info(vscode.l10n.t('Moved the replications of {0} to {1}.', server.friendlyName, picked.data.friendlyName));
  return true;
}

/** The confirmation's lines: each resource that goes, and each kept with why. */
function confirmationDetail(plan: RemovalPlan, unregisterLine: string): string {
  return [
    unregisterLine,
    vscode.l10n.t('These go, in this order:'),
    ...plan.resources.map((resource) => `  • ${parseResourceId(resource.id).name} (${resource.type})`),
    ...(plan.kept.length === 0 ? [] : [vscode.l10n.t('These stay:'), ...plan.kept.map((kept) => `  • ${parseResourceId(kept.id).name}: ${kept.reason}`)]),
  ].join('\n');
}

/**
 * "Remove Process Server…" after failback. Refuses while the process server serves replications (and offers to move
 * them); for one this extension did not deploy, gives only the unregistration instructions; otherwise names every
 * resource that goes, unregisters the process server through a Run Command while the VM runs (or gives the command to
 * run on the configuration server), then deletes in dependency order. Only what this deployment created and tagged.
 */
export async function removeCommand(dependencies: ProcessServerCommandDependencies, argument: InfrastructureTarget | undefined, ui: UserInput): Promise<RemovalResult> {
  const { services, account } = dependencies;
  const title = vscode.l10n.t('Remove Process Server');
  const pending = argument === undefined ? dependencies.pendingRemovals.all() : [];
  if (pending.length > 0) {
    const picked = await ui.pick<PendingRemoval | undefined>({
      title,
      step: 1,
      totalSteps: 1,
      placeholder: vscode.l10n.t('Finish a removal that stopped part-way, or pick another process server'),
      items: [
        ...pending.map((removal) => ({
          label: vscode.l10n.t('Finish removing {0}', removal.serverName),
          description: vscode.l10n.t('{0} resource(s) left', removal.resources.length),
          key: removal.deploymentId,
          data: removal,
        })),
        { label: vscode.l10n.t('Another process server…'), key: 'another', data: undefined },
      ],
    });
    if (picked.data !== undefined) {
      return finishPendingRemoval(dependencies, picked.data);
    }
  }
  const target = await processServerTarget(dependencies, argument, ui, title);
  const ipAddress = target.server?.ipAddress ?? target.deployedVm?.privateIpAddress ?? '';
  const unregisterCommand = unregisterCommandFor(ipAddress);
  if (target.deployedVm === undefined) {
    const copy = vscode.l10n.t('Copy Command');
    const choice = await ui.choose<'copy'>({
      message: vscode.l10n.t('{0} was not deployed by this extension, so the extension does not delete anything of it.', target.server?.friendlyName ?? ipAddress),
      detail: vscode.l10n.t(
        'To unregister it, move its replications to another process server first, then run on the configuration server {0} (it asks for the server\'s serial number): {1}. Then remove its machine yourself. "Diagnose Process Server" shows its state.',
        target.fabric.friendlyName,
        unregisterCommand,
      ),
      choices: [{ label: copy, data: 'copy' }],
    });
    if (choice === 'copy') {
      await vscode.env.clipboard.writeText(unregisterCommand);
    }
    return { kind: 'notDeployedByExtension', unregisterCommand };
  }
  const vmInfo = target.deployedVm;
  const fabrics = services.forSubscription(target.subscription).fabrics;
  const reads = new AbortController();
  try {
    let current = (await fabrics.get(target.vault, target.fabric.name, reads.signal)).processServers.find((server) => server.ipAddress === ipAddress);
    let served = replicationsServed(current);
    if (served !== undefined) {
      if (!(await offerMove(dependencies, { ...target, server: current }, served, ui))) {
        return { kind: 'refusedInUse', ...served };
      }
      current = (await fabrics.get(target.vault, target.fabric.name, reads.signal)).processServers.find((server) => server.ipAddress === ipAddress);
      served = replicationsServed(current);
      if (served !== undefined) {
        return { kind: 'refusedInUse', ...served };
      }
    }
    const vmServices = services.forSubscription(await subscriptionOf(account, vmInfo.subscriptionId));
    const plan = await planRemoval(vmServices.deployment, vmInfo, reads.signal);
    const canUnregister = plan.powerState === 'running' && current !== undefined;
    const unregisterLine = canUnregister
      ? vscode.l10n.t('First the process server is uninstalled from the VM, which unregisters it from {0}.', target.fabric.friendlyName)
      : current === undefined
        ? vscode.l10n.t('{0} does not report it: nothing to unregister.', target.fabric.friendlyName)
        : vscode.l10n.t('The VM is {0}, so the process server cannot be uninstalled from it: run on {1}: {2}', plan.powerState ?? vscode.l10n.t('gone'), target.fabric.friendlyName, unregisterCommand);
    const choice = await ui.choose<'remove' | 'copyAndRemove'>({
      message: vscode.l10n.t('Remove the process server {0} ({1}) from Azure?', vmInfo.name, ipAddress),
      detail: confirmationDetail(plan, unregisterLine),
      choices: [
        { label: vscode.l10n.t('Remove'), data: 'remove' },
        ...(canUnregister || current === undefined ? [] : [{ label: vscode.l10n.t('Copy Command and Remove'), data: 'copyAndRemove' as const }]),
      ],
    });
    if (choice === undefined) {
      return { kind: 'declined' };
    }
    if (choice === 'copyAndRemove') {
      await vscode.env.clipboard.writeText(unregisterCommand);
    }
    return await removeDeployed(dependencies, target, plan, canUnregister, vmServices.deployment);
  } finally {
    reads.abort(new DOMException('The removal ended.', 'AbortError'));
    void dependencies.refreshConfigurationServer(target.fabric.id);
  }
}

/** Deletes what a removal that stopped part-way left (each resource re-read and checked again). */
async function finishPendingRemoval(dependencies: ProcessServerCommandDependencies, removal: PendingRemoval): Promise<RemovalResult> {
  const deployment = dependencies.services.forSubscription(await subscriptionOf(dependencies.account, removal.subscriptionId)).deployment;
  const vm: ManagedProcessServerVm = {
    id: removal.vmId,
    name: removal.serverName,
    subscriptionId: removal.subscriptionId,
    resourceGroup: parseResourceId(removal.vmId).resourceGroup,
    location: '',
    deploymentId: removal.deploymentId,
    configurationServerId: '',
  };
  const plan: RemovalPlan = { deploymentId: removal.deploymentId, vm, powerState: undefined, resources: removal.resources, kept: [] };
  return removeDeployed(dependencies, undefined, plan, false, deployment);
}

/** Unregisters (when it can) and deletes under one cancellable progress; what is left is kept as a pending removal. */
async function removeDeployed(
  dependencies: ProcessServerCommandDependencies,
  target: ProcessServerTarget | undefined,
  plan: RemovalPlan,
  unregister: boolean,
  deployment: Parameters<typeof removeDeploymentResources>[2],
): Promise<RemovalResult> {
  const { log, pendingRemovals } = dependencies;
  const { vm } = plan;
  const left = new Map(plan.resources.map((resource) => [resource.id, resource]));
  const remember = (): Promise<void> =>
    left.size === 0
      ? pendingRemovals.forget(plan.deploymentId)
      : pendingRemovals.set({ deploymentId: plan.deploymentId, subscriptionId: vm.subscriptionId, serverName: vm.name, vmId: vm.id, resources: [...left.values()], updatedAt: new Date().toISOString() });
  const outcome = await withCancellableProgress(vscode.l10n.t('Removing the process server {0}', vm.name), dependencies.pacing, async (polling, report) => {
    if (unregister && target !== undefined) {
      report(vscode.l10n.t('Uninstalling the process server from the VM (unregisters it from {0})', target.fabric.friendlyName));
      log.info(vscode.l10n.t('Uninstalling the process server from {0}, which unregisters it from {1}.', vm.name, target.fabric.friendlyName));
      const result = await runScriptOnVm(
        deployment,
        { id: vm.id, name: vm.name, location: vm.location, tags: {} },
        'asr-failback-unregister',
        UNREGISTER_PROCESS_SERVER_SCRIPT,
        [{ name: 'ProcessServerIpAddress', value: vm.privateIpAddress ?? '' }],
        [],
        polling,
      );
      for (const line of lastLines(result.output, 20)) {
        log.info(`  ${line}`);
      }
      if (result.executionState !== 'Succeeded' || result.exitCode !== 0) {
        throw new Error(
          vscode.l10n.t(
            'Uninstalling the process server failed (exit code {0}), so nothing was deleted: {1}',
            result.exitCode ?? '-',
            lastLines(result.error, 2).join(' ') || lastLines(result.output, 2).join(' '),
          ),
        );
      }
    }
    // From here a re-run finishes what is left, even once the VM (and so the tree's node) is gone.
    await remember();
    return removeDeploymentResources(plan.resources, { deploymentId: plan.deploymentId, vmId: vm.id }, deployment, polling, (line) => {
      log.info(line);
      report(line);
    }, async (id) => {
      left.delete(id);
      await remember();
    });
  });
  if (outcome.failed.length === 0) {
    // The OS disk goes with the VM (its deleteOption): gone when its turn comes, it is one of the resources removed.
    const count = outcome.removed.length + outcome.gone.length;
    log.info(vscode.l10n.t('Removed the process server {0}: {1} resource(s) deleted, {2} kept.', vm.name, count, plan.kept.length + outcome.kept.length));
    void vscode.window.showInformationMessage(vscode.l10n.t('Removed the process server {0} ({1} resource(s)).', vm.name, count));
  } else {
    const message = vscode.l10n.t(
      'Removing {0} left {1} resource(s): {2}. Run "Remove Process Server…" again to finish.',
      vm.name,
      outcome.failed.length,
      outcome.failed.map((failure) => `${parseResourceId(failure.id).name}: ${failure.message}`).join('; '),
    );
    log.error(message);
    void vscode.window.showErrorMessage(log.masker.mask(message));
  }
  return { kind: 'removed', plan, outcome, unregistered: unregister };
}
