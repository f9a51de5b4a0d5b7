import * as vscode from 'vscode';
import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import { azureErrorCode, errorMessage } from '../azure/azureErrors';
import type { DeploymentActivity } from '../deployment/deploymentActivity';
import { executeSteps, type ExecutionOutcome } from '../deployment/deploymentExecutor';
import type { DeploymentLedger, DeploymentRecord, DeploymentState, DeploymentStepId } from '../deployment/deploymentLedger';
import type { DeploymentPlan } from '../deployment/deploymentPlan';
import { stepsForPlan } from '../deployment/deploymentSteps';
import type { DeploymentPacing, DeploymentRun, DeploymentSecrets, ExecuteStep, RegistrationSettings } from '../deployment/executeStep';
import { rollBack, type RemovalOutcome } from '../deployment/rollback';
import type { ExtensionLog } from '../logging/extensionLog';
import type { InfrastructureServices } from '../services/subscriptionServices';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import type { VaultInfo } from '../siteRecovery/model';
import { CommandIds } from '../commandIds';
import { PathCheckFailedError } from '../registration/pathCheckStep';
import { UserCancelledError } from '../util/userCancelledError';
import type { UserInput } from '../wizard/userInput';
import { validateAdminPassword } from '../wizard/rules/credentialRules';
import type { PassphraseStore } from '../wizard/addProcessServer/steps/configurationServerConnectionSteps';

/** How many steps of one deployment run at once (at most three are ever ready together). */
const MAX_PARALLEL_STEPS = 4;

/** What the deployment commands use: Azure, the ledger, the tree and the output channel. */
export interface DeploymentDependencies {
  readonly services: InfrastructureServices;
  readonly log: ExtensionLog;
  readonly ledger: DeploymentLedger;
  readonly activity: DeploymentActivity;
  readonly passphrases: PassphraseStore;
  readonly pacing: DeploymentPacing;
  /** Re-reads one configuration server in the tree. */
  readonly refreshConfigurationServer: (fabricId: string) => Promise<void>;
  /** Selects the process server at `ipAddress` under the configuration server in the tree; false when it is not shown. */
  readonly revealProcessServer: (fabricId: string, ipAddress: string) => Promise<boolean>;
}

/** Where a plan deploys: its subscription, and the vault's (which can be another). */
export interface DeploymentTarget {
  readonly plan: DeploymentPlan;
  readonly subscription: AzureSubscriptionContext;
  readonly vaultSubscription: AzureSubscriptionContext;
}

/** How a deployment ended, as the commands report it (no secret in it). */
export interface DeploymentResult {
  readonly deploymentId: string;
  readonly state: Exclude<DeploymentState, 'running'>;
  /** The step that failed or was cancelled last, when one did. */
  readonly stoppedAt?: DeploymentStepId;
  readonly message?: string;
  readonly rollback?: RemovalOutcome;
}

/** The registration settings (asrFailback.registration.*), read when a deployment starts. */
export function registrationSettings(): RegistrationSettings {
  const settings = vscode.workspace.getConfiguration('asrFailback.registration');
  const minutes = settings.get<number>('heartbeatTimeoutMinutes', 30);
  return {
    installLocation: settings.get<string>('installLocation', 'C:\\Program Files (x86)\\Microsoft Azure Site Recovery'),
    installLocationSwitch: settings.get<string>('installLocationSwitch') === 'InstallDrive' ? 'InstallDrive' : 'InstallLocation',
    environmentType: settings.get<string>('environmentType') === 'NonVMware' ? 'NonVMware' : 'VMware',
    heartbeatTimeoutMs: Math.max(0, minutes) * 60 * 1000,
  };
}

function vaultOf(plan: DeploymentPlan): VaultInfo {
  const { subscriptionId, resourceGroup, name } = parseResourceId(plan.configurationServer.vaultId);
  return { id: plan.configurationServer.vaultId, subscriptionId, resourceGroup, name, location: plan.location };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** The line the progress notification shows: "(n/N) what is happening now". */
function progressLine(total: number, finished: number, running: readonly ExecuteStep[]): string {
  const current = Math.min(total, finished + Math.max(1, running.length));
  return `(${String(current)}/${String(total)}) ${running.map((step) => step.label).join(' · ')}`;
}

/** The message of a failed step, with Azure's code when there is one. */
function failureOf(step: ExecuteStep, error: unknown, log: ExtensionLog): NonNullable<DeploymentRecord['failure']> {
  return { stepId: step.id, code: azureErrorCode(error), message: log.masker.mask(errorMessage(error)) };
}

/** Runs the steps once, under one cancellable progress notification; the ledger follows every step. */
async function runOnce(dependencies: DeploymentDependencies, run: DeploymentRun, done: ReadonlySet<DeploymentStepId>): Promise<ExecutionOutcome> {
  const { log, ledger, activity } = dependencies;
  const { plan } = run;
  const steps = stepsForPlan(plan);
  const running: ExecuteStep[] = [];
  let finished = steps.filter((step) => done.has(step.id)).length;
  await ledger.begin(plan);
  log.info(vscode.l10n.t('Deployment {0}: {1} step(s), {2} already done.', plan.deploymentId, steps.length, finished));
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deploying the process server {0}', plan.processServer.name), cancellable: true },
    async (progress, token) => {
      const cancel = new AbortController();
      const cancellation = token.onCancellationRequested(() => {
        log.warn(vscode.l10n.t('Deployment {0}: cancelled by the user; stopping the requests in flight.', plan.deploymentId));
        cancel.abort(new DOMException('The user cancelled the deployment.', 'AbortError'));
      });
      activity.begin(plan.deploymentId, () => {
        log.warn(vscode.l10n.t('Deployment {0}: cancelled; stopping the requests in flight.', plan.deploymentId));
        cancel.abort(new DOMException('The deployment was cancelled.', 'AbortError'));
      });
      const report = (): void => {
        progress.report({ message: progressLine(steps.length, finished, running) });
      };
      try {
        return await executeSteps(steps, run, {
          signal: cancel.signal,
          maxParallel: MAX_PARALLEL_STEPS,
          done,
          observer: {
            stepStarted: (step) => {
              running.push(step);
              activity.update(plan.deploymentId, step.label);
              log.info(vscode.l10n.t('[{0}] started: {1}', step.id, step.label));
              report();
            },
            stepSucceeded: async (step, durationMs) => {
              running.splice(running.indexOf(step), 1);
              finished += 1;
              await ledger.completeStep(plan.deploymentId, step.id);
              log.info(vscode.l10n.t('[{0}] done in {1} s.', step.id, seconds(durationMs)));
              progress.report({ message: progressLine(steps.length, finished, running), increment: 100 / steps.length });
              if (step.id === 'virtualMachine' || step.id === 'heartbeat') {
                void dependencies.refreshConfigurationServer(plan.configurationServer.fabricId);
              }
            },
            stepFailed: (step, error, durationMs) => {
              running.splice(running.indexOf(step), 1);
              const failure = failureOf(step, error, log);
              if (cancel.signal.aborted) {
                log.warn(vscode.l10n.t('[{0}] stopped by the cancel after {1} s.', step.id, seconds(durationMs)));
              } else {
                log.error(vscode.l10n.t('[{0}] failed after {1} s: {2}', step.id, seconds(durationMs), failure.message));
              }
              if (error instanceof PathCheckFailedError) {
                for (const line of error.table) {
                  log.error(`  ${line}`);
                }
              }
              report();
            },
          },
        });
      } finally {
        cancellation.dispose();
        activity.end(plan.deploymentId);
      }
    },
  );
}

type AfterFailure = 'resume' | 'rollBack' | 'keep';

/** Asks what to do after a failure or a cancel; dismissing the message keeps everything as it is. */
async function askAfterFailure(ui: UserInput, message: string): Promise<AfterFailure> {
  const choice = await ui.choose<AfterFailure>({
    message,
    detail: vscode.l10n.t(
      'Roll Back removes only what this deployment created, newest first; nothing that existed before is touched. Keep leaves everything as it is (resume or roll back later with "Resume or Roll Back a Deployment…"). Resume goes on from the step that stopped, adopting what already exists.',
    ),
    choices: [
      { label: vscode.l10n.t('Resume'), data: 'resume' },
      { label: vscode.l10n.t('Roll Back'), data: 'rollBack' },
      { label: vscode.l10n.t('Keep'), data: 'keep' },
    ],
  });
  return choice ?? 'keep';
}

/** Asks again for the secrets the steps still to run need: a resume in a new session has none. */
async function askMissingSecrets(dependencies: DeploymentDependencies, record: DeploymentRecord, secrets: DeploymentSecrets, ui: UserInput): Promise<void> {
  const { plan } = record;
  const title = vscode.l10n.t('Resume the deployment of {0}', plan.processServer.name);
  if (!record.completedSteps.includes('virtualMachine') && secrets.adminPassword === undefined) {
    secrets.adminPassword = await ui.input({
      title,
      step: 1,
      totalSteps: 1,
      prompt: vscode.l10n.t('The admin password for {0} on the VM {1} (it is not kept between sessions)', plan.processServer.adminUsername, plan.processServer.name),
      password: true,
      validate: validateAdminPassword,
    });
    dependencies.log.masker.add(secrets.adminPassword);
  }
  if (!record.completedSteps.includes('registration') && secrets.passphrase === undefined) {
    secrets.passphrase =
      (await dependencies.passphrases.get(plan.configurationServer.fabricId))
      ?? (await ui.input({
        title,
        step: 1,
        totalSteps: 1,
        prompt: vscode.l10n.t('The connection passphrase of the configuration server {0}', plan.configurationServer.friendlyName),
        password: true,
        validate: (value) => (value.trim() === '' ? vscode.l10n.t('Enter the passphrase: on the configuration server, genpassphrase.exe -v shows it.') : undefined),
      }));
    dependencies.log.masker.add(secrets.passphrase);
  }
}

/** Rolls back under its own cancellable progress notification and reports what it did. */
async function rollBackWithProgress(dependencies: DeploymentDependencies, target: DeploymentTarget): Promise<RemovalOutcome> {
  const { ledger, log, services, pacing } = dependencies;
  const { plan } = target;
  const record = ledger.get(plan.deploymentId);
  if (record === undefined) {
    throw new Error(`The deployment ${plan.deploymentId} has no record in the ledger.`);
  }
  log.info(vscode.l10n.t('Deployment {0}: rolling back {1} resource(s) it created.', plan.deploymentId, record.resources.length));
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rolling back the deployment of {0}', plan.processServer.name), cancellable: true },
    async (progress, token) => {
      const cancel = new AbortController();
      const cancellation = token.onCancellationRequested(() => {
        cancel.abort(new DOMException('The user cancelled the rollback.', 'AbortError'));
      });
      try {
        return await rollBack(record, services.forSubscription(target.subscription), ledger, { signal: cancel.signal, updateIntervalInMs: pacing.updateIntervalInMs }, (line) => {
          log.info(line);
          progress.report({ message: line });
        });
      } catch (error) {
        throw cancel.signal.aborted ? new UserCancelledError(vscode.l10n.t('Rolling back the deployment of {0}', plan.processServer.name)) : error;
      } finally {
        cancellation.dispose();
      }
    },
  );
  if (outcome.failed.length === 0) {
    await ledger.end(plan.deploymentId, 'rolledBack');
    log.info(vscode.l10n.t('Deployment {0}: rolled back ({1} removed, {2} kept).', plan.deploymentId, outcome.removed.length, outcome.kept.length));
  } else {
    const [first] = outcome.failed;
    await ledger.end(plan.deploymentId, 'failed', {
      stepId: record.failure?.stepId ?? 'providers',
      code: first.code,
      message: vscode.l10n.t('The rollback could not remove {0}: {1}', first.id, first.message),
    });
    log.error(vscode.l10n.t('Deployment {0}: the rollback could not remove {1} resource(s); run "Resume or Roll Back a Deployment…" again to finish it.', plan.deploymentId, outcome.failed.length));
  }
  void dependencies.refreshConfigurationServer(plan.configurationServer.fabricId);
  return outcome;
}

/** Rolls a deployment back (what its ledger says it created) and says how that ended. */
export async function rollBackDeployment(dependencies: DeploymentDependencies, target: DeploymentTarget): Promise<DeploymentResult> {
  const rollback = await rollBackWithProgress(dependencies, target);
  const after = dependencies.ledger.get(target.plan.deploymentId);
  return { deploymentId: target.plan.deploymentId, state: after?.state === 'rolledBack' ? 'rolledBack' : 'failed', rollback };
}

function announceSuccess(dependencies: DeploymentDependencies, plan: DeploymentPlan): void {
  const showLogs = vscode.l10n.t('Show Logs');
  const reveal = vscode.l10n.t('Reveal in Tree');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('The process server {0} ({1}) is deployed and registered with {2}.', plan.processServer.name, plan.processServer.staticIpAddress, plan.configurationServer.friendlyName),
      showLogs,
      reveal,
    )
    .then(async (choice) => {
      if (choice === showLogs) {
        dependencies.log.show();
      } else if (choice === reveal && !(await dependencies.revealProcessServer(plan.configurationServer.fabricId, plan.processServer.staticIpAddress))) {
        await vscode.commands.executeCommand(CommandIds.refresh);
      }
    });
}

/**
 * Deploys `target.plan` and registers the process server: the executor runs the steps under one progress
 * notification; on a failure or a cancel the user chooses to resume, roll back or keep, until the deployment ends.
 * The secrets are used only in the requests that need them and dropped once those succeeded.
 */
export async function deployPlan(
  dependencies: DeploymentDependencies,
  target: DeploymentTarget,
  secrets: DeploymentSecrets,
  ui: UserInput,
  options: { readonly resumed?: boolean } = {},
): Promise<DeploymentResult> {
  const { log, ledger, services, pacing } = dependencies;
  const { plan } = target;
  const earlier = ledger.get(plan.deploymentId);
  if (options.resumed === true && earlier !== undefined) {
    await askMissingSecrets(dependencies, earlier, secrets, ui);
  }
  for (const secret of [secrets.adminPassword, secrets.passphrase]) {
    if (secret !== undefined) {
      log.masker.add(secret);
    }
  }
  const run: DeploymentRun = {
    plan,
    secrets,
    services: services.forSubscription(target.subscription),
    vaultServices: services.forSubscription(target.vaultSubscription),
    vault: vaultOf(plan),
    ledger,
    registration: registrationSettings(),
    pacing,
    log: (message) => {
      log.info(message);
    },
    registerSecret: (secret) => {
      log.masker.add(secret);
    },
  };
  for (;;) {
    const done = new Set(ledger.get(plan.deploymentId)?.completedSteps ?? []);
    const outcome = await runOnce(dependencies, run, done);
    if (outcome.kind === 'succeeded') {
      await ledger.end(plan.deploymentId, 'succeeded');
      log.info(vscode.l10n.t('Deployment {0}: the process server {1} is registered.', plan.deploymentId, plan.processServer.name));
      void dependencies.refreshConfigurationServer(plan.configurationServer.fabricId);
      announceSuccess(dependencies, plan);
      return { deploymentId: plan.deploymentId, state: 'succeeded' };
    }
    const failure =
      outcome.kind === 'failed'
        ? failureOf(outcome.step, outcome.error, log)
        : { stepId: outcome.step?.id ?? 'providers', code: undefined, message: vscode.l10n.t('Cancelled by the user.') };
    const record = await ledger.end(plan.deploymentId, outcome.kind === 'failed' ? 'failed' : 'cancelled', failure);
    void dependencies.refreshConfigurationServer(plan.configurationServer.fabricId);
    const message =
      outcome.kind === 'failed'
        ? vscode.l10n.t('The deployment of {0} failed at "{1}": {2}', plan.processServer.name, outcome.step.label, failure.message)
        : vscode.l10n.t('The deployment of {0} was cancelled at "{1}".', plan.processServer.name, outcome.step?.label ?? vscode.l10n.t('the start'));
    const decision = await askAfterFailure(ui, message);
    if (decision === 'resume') {
      log.info(vscode.l10n.t('Deployment {0}: resuming.', plan.deploymentId));
      await askMissingSecrets(dependencies, record, secrets, ui);
      continue;
    }
    if (decision === 'rollBack') {
      return { ...(await rollBackDeployment(dependencies, target)), stoppedAt: failure.stepId, message: failure.message };
    }
    await ledger.end(plan.deploymentId, 'kept', failure);
    log.info(vscode.l10n.t('Deployment {0}: kept as it is; "Resume or Roll Back a Deployment…" takes it up again.', plan.deploymentId));
    return { deploymentId: plan.deploymentId, state: 'kept', stoppedAt: failure.stepId, message: failure.message };
  }
}
