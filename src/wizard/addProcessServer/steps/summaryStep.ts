import * as vscode from 'vscode';
import type { DeploymentPlan, PlannedResource } from '../../../deployment/deploymentPlan';
import type { PromptStep, StepPrompts } from '../../wizard';
import type { AddProcessServerContext } from '../addProcessServerContext';
import { planFromContext } from '../planFromContext';

function kindLabel(type: string): string {
  switch (type.toLowerCase()) {
    case 'microsoft.resources/resourcegroups':
      return vscode.l10n.t('resource group');
    case 'microsoft.storage/storageaccounts':
      return vscode.l10n.t('storage account');
    case 'microsoft.network/networkinterfaces':
      return vscode.l10n.t('network interface');
    case 'microsoft.compute/virtualmachines':
      return vscode.l10n.t('virtual machine');
    default:
      return type;
  }
}

function resourceLine(resource: PlannedResource): string {
  const kind = kindLabel(resource.type);
  return resource.create
    ? vscode.l10n.t('Create {0} {1} in {2}', kind, resource.name, resource.location)
    : vscode.l10n.t('Use the existing {0} {1}', kind, resource.name);
}

/** The plan in lines a person reads: what is created, where, and how it registers. No secret is in it. */
export function describePlan(plan: DeploymentPlan): string[] {
  const server = plan.processServer;
  return [
    ...plan.resources.map(resourceLine),
    vscode.l10n.t('VM size {0} ({1} vCPUs), image {2}/{3}/{4}', server.vmSize, server.vCpus, server.image.publisher, server.image.offer, server.image.sku),
    vscode.l10n.t('Static private IP {0}, no public IP', server.staticIpAddress),
    vscode.l10n.t(
      'Register with the configuration server {0} at {1}:{2}, data-transfer port {3}',
      plan.configurationServer.friendlyName,
      plan.configurationServer.address,
      plan.configurationServer.port,
      server.dataTransferPort,
    ),
    server.installerSource.kind === 'download'
      ? vscode.l10n.t('Unified Setup downloaded from {0} (the latest version: it must not be newer than the configuration server {1})', server.installerSource.url, plan.configurationServer.agentVersion ?? '?')
      : vscode.l10n.t('Unified Setup from the blob {0}/{1} of the storage account', server.installerSource.container, server.installerSource.blobName),
  ];
}

/**
 * Step 6: the summary of everything that will be created, and where; the user deploys, saves the plan to review it
 * without deploying, or goes back to change an answer.
 */
export class SummaryStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'summary';

  constructor(private readonly show: (title: string, lines: readonly string[]) => void) {}

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.summaryDecision === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const plan = planFromContext(context, context.deploymentId);
    const lines = describePlan(plan);
    this.show(vscode.l10n.t('Plan {0}: process server {1}', plan.deploymentId, plan.processServer.name), lines);
    const picked = await prompts.pick<'deploy' | 'savePlan' | 'line'>({
      placeholder: vscode.l10n.t('Review what will be created (also in the output channel); nothing has been created yet'),
      items: [
        {
          label: vscode.l10n.t('$(rocket) Deploy and register'),
          detail: vscode.l10n.t('Creates what is listed below in Azure and registers the process server; a failure offers Resume, Roll Back or Keep.'),
          key: 'deploy',
          data: 'deploy',
        },
        { label: vscode.l10n.t('$(save) Save the plan as JSON…'), detail: vscode.l10n.t('To review or deploy later; it holds no password or passphrase.'), key: 'savePlan', data: 'savePlan' },
        ...lines.map((line, index) => ({ label: `$(circle-small) ${line}`, key: `line${String(index)}`, data: 'line' as const })),
      ],
      check: (item) =>
        Promise.resolve(item.data === 'line' ? vscode.l10n.t('That line is part of the summary: pick "Deploy and register" or "Save the plan as JSON…", or go back to change an answer.') : undefined),
    });
    context.plan = plan;
    context.summaryDecision = picked.data === 'line' ? undefined : picked.data;
  }
}
