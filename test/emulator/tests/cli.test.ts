import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseCommandLine } from '../cli';
import { EmulatorControlClient, type EmulatorInfo } from '../control/client';

describe('Emulator CLI (npm run emulator)', () => {
  it('parses seeds, ports, latency and per-type LRO durations', () => {
    const { options, json } = parseCommandLine(['--json', '--seed', 'a.json', '--seed', 'b.json', '--port', '8443', '--latency-ms', '20', '--lro-ms', 'Microsoft.Compute/virtualMachines=100', '--lro-ms', '*=5']);
    assert.equal(json, true);
    assert.deepEqual(options.seedFiles, ['a.json', 'b.json']);
    assert.equal(options.port, 8443);
    assert.equal(options.settings?.latencyMs, 20);
    assert.deepEqual(options.settings.lroDurationsMs, { '*': 5, 'microsoft.compute/virtualmachines': 100, 'microsoft.compute/virtualmachines/runcommands': 5000 });
    assert.throws(() => parseCommandLine(['--lro-ms', 'nonsense']), /--lro-ms expects/);
  });

  it('prints the connection JSON as its first line and stops on SIGTERM', async () => {
    const cli = path.join(__dirname, '..', 'cli.js');
    const child = spawn(process.execPath, [cli, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('error', reject);
      });
      const info = JSON.parse(firstLine) as EmulatorInfo;
      assert.deepEqual(Object.keys(info).sort(), ['armEndpoint', 'authorityHost', 'caFile', 'clientId', 'clientSecret', 'controlEndpoint', 'subscriptionIds', 'tenantId']);
      assert.match(info.armEndpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.match(info.controlEndpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(info.subscriptionIds.length, 4);
      const settings = await new EmulatorControlClient(info.controlEndpoint).settings();
      assert.equal(settings.lroDurationsMs['microsoft.compute/virtualmachines'], 6000);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });
});
