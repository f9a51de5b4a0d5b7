import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AddProcessServerOutcome } from '../../src/commands/addProcessServer';
import type { ArmResource } from '../emulator/arm/types';
import { configurationServerNode, emulatorControl, wizardApi } from './extensionTestContext';
import { ScriptedUserInput, type ScriptedAnswer } from './scriptedUserInput';
import { PASSPHRASE, PASSWORD, SIZE_TO_PORTS } from './wizardScripts';

/** What the deployment tests deploy, and the emulator state they check it in. */
export const SUBSCRIPTION = '/subscriptions/c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b';
export const NEW_GROUP = 'rg-ps-deploy-test';
export const NEW_ACCOUNT = 'asrpsdeploytest01';
export const SERVER = 'ps-deploy-01';
export const IP_ADDRESS = '10.10.2.5';

export interface Placement {
  /** A new resource group and storage account (the default), or the demo's existing ones. */
  readonly existingGroupAndAccount?: boolean;
  readonly network?: string;
  readonly passphrase?: string;
}

/** The wizard's answers from the subscription to "Deploy and register", for the demo's Japan East estate. */
export function toDeploy(placement: Placement = {}): ScriptedAnswer[] {
  const group: ScriptedAnswer[] = placement.existingGroupAndAccount === true ? [{ pick: 'rg-asr-ps-deploy' }] : [{ pick: '$(add) Create new resource group…' }, { input: NEW_GROUP }];
  const account: ScriptedAnswer[] =
    placement.existingGroupAndAccount === true ? [{ pick: 'contosoasrcachejpe01' }] : [{ pick: '$(add) Create new storage account…' }, { input: NEW_ACCOUNT }];
  const network = placement.network ?? 'vnet-failover-japaneast';
  return [
    { pick: 'Contoso Production' },
    ...group,
    { pick: 'Japan East' },
    { pick: network },
    { pick: new RegExp(`Use ${network} anyway`) },
    { pick: network === 'vnet-failover-japaneast' ? 'snet-process-server' : 'default' },
    { input: SERVER },
    { input: 'asradmin' },
    { input: PASSWORD },
    { input: PASSWORD },
    ...account,
    { input: network === 'vnet-failover-japaneast' ? IP_ADDRESS : '10.20.1.5' },
    ...SIZE_TO_PORTS,
    { input: placement.passphrase ?? PASSPHRASE },
    { pick: 'Do not remember it' },
    { pick: /Deploy and register/ },
  ];
}

export const control = emulatorControl();

export function tokyo(): Promise<unknown> {
  return configurationServerNode('Contoso Production', 'rsv-failback-japaneast', 'cs-tokyo-01');
}

/** Lowercase ids of every resource in the emulator, sorted. */
export async function resourceIds(): Promise<string[]> {
  return (await control.state()).resources.map((resource) => resource.id.toLowerCase()).sort();
}

export async function resource(id: string): Promise<ArmResource | undefined> {
  return (await control.state()).resources.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
}

export const groupId = (name: string): string => `${SUBSCRIPTION}/resourceGroups/${name}`;
export const vmId = (group: string): string => `${groupId(group)}/providers/Microsoft.Compute/virtualMachines/${SERVER}`;
export const nicId = (group: string): string => `${groupId(group)}/providers/Microsoft.Network/networkInterfaces/${SERVER}-nic`;

export async function tokyoProcessServers(): Promise<Record<string, unknown>[]> {
  const fabric = (await control.state()).resources.find((candidate) => candidate.name === 'cs-tokyo-01' || (candidate.properties?.['friendlyName'] === 'cs-tokyo-01'));
  const details = fabric?.properties?.['customDetails'] as { processServers?: Record<string, unknown>[] } | undefined;
  return details?.processServers ?? [];
}

export async function deploy(answers: readonly ScriptedAnswer[]): Promise<{ ui: ScriptedUserInput; outcome: AddProcessServerOutcome }> {
  const ui = new ScriptedUserInput(answers);
  const outcome = await (await wizardApi()).addProcessServer(await tokyo(), ui);
  assert.deepEqual(ui.unused, [], 'every scripted answer was used');
  return { ui, outcome };
}


/**
 * The hooks both suites share: the extension polls as fast as the emulator's short operations allow; each test starts
 * from the seed with no fault or hold, and ends with none (the extension's log printed when it failed). Returns what
 * Azure held before the test.
 */
export function deploymentTestBed(): () => string[] {
  let seeded: string[] = [];
  before(async () => {
    (await wizardApi()).setDeploymentPacing({ updateIntervalInMs: 20, recheckIntervalMs: 20 });
  });
  beforeEach(async () => {
    await control.resetState();
    await control.clearFaults();
    await control.releaseHold();
    seeded = await resourceIds();
  });
  afterEach(async function () {
    await printExtensionLogOnFailure(this.currentTest);
    await control.releaseHold();
    await control.clearFaults();
    await vscode.workspace.getConfiguration('asrFailback.registration').update('heartbeatTimeoutMinutes', undefined, vscode.ConfigurationTarget.Global);
  });
  return () => seeded;
}

/** A failed test's diagnosis: the end of the extension's output channel (which holds no secret). */
async function printExtensionLogOnFailure(test: Mocha.Test | undefined): Promise<void> {
  if (test?.state !== 'failed') {
    return;
  }
  for (const file of filesUnder((await wizardApi()).storageLocations().logDirectory)) {
    console.log(`--- the last lines of ${file}:\n${fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n')}`);
  }
}

/** Every file below a directory. */
export function filesUnder(directory: string): string[] {
  return fs.existsSync(directory)
    ? fs.readdirSync(directory, { recursive: true, encoding: 'utf8' }).map((file) => path.join(directory, file)).filter((file) => fs.statSync(file).isFile())
    : [];
}

