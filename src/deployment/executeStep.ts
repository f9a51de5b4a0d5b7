import type { SubscriptionServices } from '../services/subscriptionServices';
import type { VaultInfo } from '../siteRecovery/model';
import type { PollingOptions } from '../services/deploymentService';
import type { DeploymentLedger, DeploymentStepId } from './deploymentLedger';
import type { DeploymentPlan } from './deploymentPlan';

/** What the deployment needs that the plan must not hold: in memory only, sent only where Azure needs them. */
export interface DeploymentSecrets {
  /** The VM's admin password: needed until the VM exists. */
  adminPassword: string | undefined;
  /** The configuration server's passphrase: needed until the process server is registered. */
  passphrase: string | undefined;
}

/** How the registration runs on the VM where domain.md leaves the setup tool's details unconfirmed (settings). */
export interface RegistrationSettings {
  readonly installLocation: string;
  readonly installLocationSwitch: 'InstallLocation' | 'InstallDrive';
  readonly environmentType: 'VMware' | 'NonVMware';
  /** How long to wait for the first heartbeat after the registration ran. */
  readonly heartbeatTimeoutMs: number;
}

/** How often the deployment looks again at what Azure does not report by an operation (providers, heartbeat). */
export interface DeploymentPacing {
  /** Passed to the SDK's pollers; undefined keeps the SDK's interval (Azure's Retry-After always wins). */
  readonly updateIntervalInMs: number | undefined;
  /**
   * The longest wait between reads of a provider's registration, a VM another run is still creating, and the fabric's
   * heartbeat (the first waits are shorter: a second, doubling).
   */
  readonly recheckIntervalMs: number;
}

/** What one run of a deployment shares between its steps. */
export interface DeploymentRun {
  readonly plan: DeploymentPlan;
  readonly secrets: DeploymentSecrets;
  /** The services of the plan's subscription (where the VM goes). */
  readonly services: SubscriptionServices;
  /** The services of the vault's subscription (where the configuration server's fabric is read). */
  readonly vaultServices: SubscriptionServices;
  readonly vault: VaultInfo;
  readonly ledger: DeploymentLedger;
  readonly registration: RegistrationSettings;
  readonly pacing: DeploymentPacing;
  /** Writes a line of the step's progress to the output channel (masked). */
  readonly log: (message: string) => void;
  /** Keeps a secret made during the run (an installer SAS) out of every log line and message. */
  readonly registerSecret: (secret: string) => void;
  /** The blob endpoint of the storage account, once the storage step has read or created it. */
  storageBlobEndpoint?: string;
}

/** One unit of a deployment: a label for the progress notification, what it waits for, and its work. */
export interface ExecuteStep {
  readonly id: DeploymentStepId;
  /** What the progress notification says while it runs, e.g. "Creating the network interface ps01-nic". */
  readonly label: string;
  /** The steps that must have succeeded before it starts (only those of this deployment's plan count). */
  readonly dependsOn: readonly DeploymentStepId[];
  /**
   * Does the work, or adopts what already exists and matches the plan (a resumed run). Throws on failure with Azure's
   * error; `signal` is the deployment's, aborted when the user cancels.
   */
  execute(run: DeploymentRun, signal: AbortSignal): Promise<void>;
}

/** The polling options of a run's long-running calls. */
export function pollingOf(run: DeploymentRun, signal: AbortSignal): PollingOptions {
  return { signal, updateIntervalInMs: run.pacing.updateIntervalInMs };
}
