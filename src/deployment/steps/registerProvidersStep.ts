import * as vscode from 'vscode';
import { abortableDelay } from '../../util/abortableDelay';
import { growingIntervals } from '../../util/growingIntervals';
import type { DeploymentRun, ExecuteStep } from '../executeStep';

/** The resource providers whose resources a deployment creates. */
const NEEDED_PROVIDERS = ['Microsoft.Compute', 'Microsoft.Network', 'Microsoft.Storage'] as const;

/**
 * Registers the resource providers the deployment needs in the subscription, where they are not yet, and waits until
 * Azure reports them Registered (registration is asynchronous: the register call only starts it).
 */
export class RegisterProvidersStep implements ExecuteStep {
  readonly id = 'providers';
  readonly dependsOn = [];
  readonly label = vscode.l10n.t('Checking the resource providers {0}', NEEDED_PROVIDERS.join(', '));

  async execute(run: DeploymentRun, signal: AbortSignal): Promise<void> {
    const { deployment } = run.services;
    await Promise.all(
      NEEDED_PROVIDERS.map(async (namespace) => {
        let state = await deployment.providerRegistrationState(namespace, signal);
        if (state === 'Registered') {
          return;
        }
        if (state !== 'Registering') {
          run.log(vscode.l10n.t('Registering the resource provider {0} (it was {1}).', namespace, state));
          await deployment.registerProvider(namespace, signal);
        }
        const intervals = growingIntervals(run.pacing.recheckIntervalMs);
        while (state !== 'Registered') {
          await abortableDelay(intervals.next().value, signal);
          state = await deployment.providerRegistrationState(namespace, signal);
        }
        run.log(vscode.l10n.t('The resource provider {0} is registered.', namespace));
      }),
    );
  }
}
