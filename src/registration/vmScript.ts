import * as vscode from 'vscode';
import type { DeploymentService, PollingOptions } from '../services/deploymentService';

/** A parameter of a script: plain ones Azure shows in the run command, protected ones it never returns. */
export interface ScriptParameter {
  readonly name: string;
  readonly value: string;
}

/** How a script ended on the VM: Azure's instance view (output and error keep only their last 4 KB). */
export interface ScriptResult {
  readonly executionState: string;
  readonly exitCode: number | undefined;
  readonly output: string;
  readonly error: string;
}

/** The VM a script runs on: its run command takes the VM's region and tags. */
export interface ScriptTarget {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  readonly tags: Record<string, string>;
}

/** The longest a script may run on the VM: Unified Setup installs and registers in well under this. */
const SCRIPT_TIMEOUT_SECONDS = 90 * 60;

/**
 * Runs a PowerShell script on the deployment's VM as a managed run command named `name` (created, or updated and so
 * run again), waits until it has ended, and reads its result. On Windows every parameter reaches the script as a named
 * argument; `protectedParameters` travel only in this request.
 */
export async function runScriptOnVm(
  deployment: DeploymentService,
  vm: ScriptTarget,
  name: string,
  script: string,
  parameters: readonly ScriptParameter[],
  protectedParameters: readonly ScriptParameter[],
  polling: PollingOptions,
): Promise<ScriptResult> {
  await deployment.runCommand(
    vm.id,
    name,
    {
      location: vm.location,
      tags: vm.tags,
      source: { script },
      parameters: [...parameters],
      protectedParameters: [...protectedParameters],
      asyncExecution: false,
      timeoutInSeconds: SCRIPT_TIMEOUT_SECONDS,
      treatFailureAsDeploymentFailure: false,
    },
    polling,
  );
  const command = await deployment.getRunCommand(vm.id, name, polling.signal);
  const view = command?.instanceView;
  if (view === undefined) {
    throw new Error(vscode.l10n.t('Azure reports no result for the run command {0} on {1}.', name, vm.name));
  }
  return { executionState: view.executionState ?? 'Unknown', exitCode: view.exitCode, output: view.output ?? '', error: view.error ?? '' };
}

/** The last non-empty lines of a script's output, for the output channel. */
export function lastLines(text: string, count: number): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-count);
}
