/**
 * `npm run bench` (second part): the tree against a large emulated estate, 100 subscriptions with 2 vaults each and a
 * configuration server in every vault, with 50 ms added to every Resource Manager answer. Prints, per level, how many
 * nodes loaded, how many requests it took and how long; and, for scale, what the same requests would take one after
 * another (requests x latency, a computed bound, not a measurement).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Seed } from '../emulator/arm/seed';
import type { ArmResource } from '../emulator/arm/types';
import { fixturePath, startEmulator } from '../emulator/server';
import { runExtensionHostAgainstEmulator } from '../vscode/runExtensionHostAgainstEmulator';
import { PROJECT_ROOT } from '../vscode/testTools';

const SUBSCRIPTIONS = 100;
const VAULTS_PER_SUBSCRIPTION = 2;
const LATENCY_MS = 50;
const DEMO_TENANT = '3c5a1f2e-8b7d-4e6a-9c1b-2d4f6a8b0c1e';

function largeEstate(): Seed {
  const subscriptions: NonNullable<Seed['subscriptions']> = [];
  const resources: ArmResource[] = [];
  for (let index = 0; index < SUBSCRIPTIONS; index += 1) {
    const subscriptionId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    subscriptions.push({ subscriptionId, tenantId: DEMO_TENANT, displayName: `Estate ${String(index).padStart(3, '0')}`, state: 'Enabled' });
    const group = `/subscriptions/${subscriptionId}/resourceGroups/rg-asr`;
    resources.push({ id: group, name: 'rg-asr', type: 'Microsoft.Resources/resourceGroups', location: 'japaneast', properties: { provisioningState: 'Succeeded' } });
    for (let vault = 0; vault < VAULTS_PER_SUBSCRIPTION; vault += 1) {
      const vaultId = `${group}/providers/Microsoft.RecoveryServices/vaults/rsv-${String(vault)}`;
      resources.push({ id: vaultId, name: `rsv-${String(vault)}`, type: 'Microsoft.RecoveryServices/vaults', location: 'japaneast', properties: { provisioningState: 'Succeeded' } });
      resources.push({
        id: `${vaultId}/replicationFabrics/cs-${String(vault)}`,
        name: `cs-${String(vault)}`,
        type: 'Microsoft.RecoveryServices/vaults/replicationFabrics',
        properties: {
          friendlyName: `cs-${String(index)}-${String(vault)}`,
          customDetails: {
            instanceType: 'VMware',
            ipAddress: '10.0.0.10',
            processServers: [{ id: `ps-${String(index)}-${String(vault)}`, friendlyName: `ps-${String(index)}-${String(vault)}`, ipAddress: '10.0.0.11', machineCount: '3' }],
          },
        },
      });
    }
  }
  return { subscriptions, resources };
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-tree-bench-'));
  const resultFile = path.join(workDir, 'result.json');
  const emulator = await startEmulator({
    seedFiles: [fixturePath('demo.json')],
    seeds: [largeEstate()],
    settings: { latencyMs: LATENCY_MS, pageSize: 100 },
  });
  try {
    await runExtensionHostAgainstEmulator(emulator.info, path.join(PROJECT_ROOT, 'out', 'test', 'bench', 'treeBenchHost.js'), {
      ASR_BENCH_RESULT_FILE: resultFile,
    });
    const levels = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as {
      level: string;
      nodes: number;
      requests: number;
      ms: number;
      maxInFlight: number;
      medianServerMs: number;
    }[];
    console.log(`tree over ${SUBSCRIPTIONS + 3} subscriptions, ${LATENCY_MS} ms added to every answer:`);
    for (const { level, nodes, requests, ms, maxInFlight, medianServerMs } of levels) {
      console.log(
        `  ${level}: ${nodes} nodes, ${requests} requests (at most ${maxInFlight} at once, median ${medianServerMs} ms in the emulator), ${(ms / 1000).toFixed(2)} s ` +
          `(one after another at least ${((requests * LATENCY_MS) / 1000).toFixed(2)} s)`,
      );
    }
  } finally {
    await emulator.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
