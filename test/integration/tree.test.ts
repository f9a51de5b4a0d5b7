import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RequestLogEntry } from '../emulator/control/requestLog';
import { DEMO_DEPLOYED_VM, registerDemoProcessServer } from './emulatorRegistration';
import { byLabel, emulatorControl, expand, infrastructureTree, loadVaultsAndFabricsAtOnce, renderChildren } from './extensionTestContext';

const PRODUCTION = 'Contoso Production';
const DISASTER_RECOVERY = 'Contoso Disaster Recovery';
const NO_VAULTS = 'Contoso Dev/Test (no vaults)';
const DISASTER_RECOVERY_ID = 'd1b2c3d4-e5f6-4a70-9b8c-0d1e2f3a4b5c';
const TOKYO_FABRIC_ID =
  '/subscriptions/c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b/resourceGroups/rg-asr-japaneast/providers/Microsoft.RecoveryServices/vaults/rsv-failback-japaneast/replicationFabrics/b4a0d3c5e9f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b';

describe('The Site Recovery tree against the Azure emulator (service principal)', () => {
  const control = emulatorControl();

  async function lastRequestSequence(): Promise<number> {
    return (await control.requests()).at(-1)?.sequence ?? 0;
  }

  /** The Resource Manager requests since `sequence`, as "METHOD path" (token requests left out). */
  async function armRequestsSince(sequence: number): Promise<string[]> {
    return (await control.requests(sequence))
      .filter((request) => request.path.startsWith('/subscriptions'))
      .map((request) => `${request.method} ${request.path}`);
  }

  /** The first logged request since `sequence` that satisfies `condition`, polled with a deadline. */
  async function waitForRequest(sequence: number, condition: (request: RequestLogEntry) => boolean): Promise<RequestLogEntry> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = (await control.requests(sequence)).find(condition);
      if (found !== undefined) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error('The emulator did not log the awaited request within 20 s.');
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  beforeEach(async () => {
    await control.resetState();
    await control.clearFaults();
    await control.updateSettings({ pageSizes: {} });
  });

  it('lists the subscriptions of the signed-in tenant, sorted, as subscription nodes', async () => {
    const roots = await expand([]);
    const labels = roots.map((node) => node.label);
    assert.deepEqual(
      labels.filter((label) => label.startsWith('Contoso')),
      [NO_VAULTS, DISASTER_RECOVERY, PRODUCTION],
    );
    assert.ok(!labels.includes('Fabrikam Recovery'), 'a subscription of another tenant is not listed');
    const production = byLabel(roots, PRODUCTION);
    assert.equal(production.contextValue, 'asrFailback.subscription');
    assert.equal(production.iconId, 'azure');
    assert.equal(production.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });

  it('follows nextLink across three pages of vaults, with one listing and no request per vault', async () => {
    await control.updateSettings({ pageSizes: { 'microsoft.recoveryservices/vaults': 5 } });
    const before = (await control.requests()).at(-1)?.sequence ?? 0;
    const vaults = await expand([DISASTER_RECOVERY]);
    assert.deepEqual(
      vaults.map((vault) => vault.label),
      Array.from({ length: 12 }, (_, index) => `rsv-dr-${String(index + 1).padStart(2, '0')}`),
    );
    assert.ok(vaults.every((vault) => vault.contextValue === 'asrFailback.vault'));
    const vaultListings = (await control.requests(before)).filter((request) =>
      /\/providers\/Microsoft\.RecoveryServices\/vaults$/i.test(request.path),
    );
    assert.equal(vaultListings.length, 3, 'three pages, three requests');
  });

  it('says so when a subscription has no vaults', async () => {
    const children = await expand([NO_VAULTS]);
    assert.equal(children.length, 1);
    assert.match(children[0]?.label ?? '', /^No Recovery Services vaults/);
    assert.equal(children[0]?.contextValue, 'asrFailback.empty');
  });

  it('shows configuration servers and the replication appliance with IP, health and heartbeat at a glance', async () => {
    const fabrics = await expand([PRODUCTION, 'rsv-failback-japaneast']);
    const tokyo = byLabel(fabrics, 'cs-tokyo-01');
    assert.equal(tokyo.contextValue, 'asrFailback.configurationServer');
    assert.equal(tokyo.iconId, 'server-environment');
    assert.equal(tokyo.iconColor, 'testing.iconPassed');
    assert.match(tokyo.description, /^192\.168\.10\.20 · Healthy · heartbeat .+/);
    const tooltip = tokyo.item.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /cs\\-tokyo\\-01\\.contoso\\.local/);

    const appliance = byLabel(fabrics, 'appliance-tokyo-rcm');
    assert.equal(appliance.contextValue, 'asrFailback.replicationAppliance');
    assert.match(appliance.description, /replication appliance \(modernized\)/);
  });

  it('lists process servers with machines served, and marks the VM this extension deployed but did not register yet', async () => {
    const servers = await expand([PRODUCTION, 'rsv-failback-japaneast', 'cs-tokyo-01']);
    const scaleOut = byLabel(servers, 'ps-tokyo-scaleout-01');
    assert.equal(scaleOut.contextValue, 'asrFailback.processServer.other');
    assert.equal(scaleOut.iconId, 'server');
    assert.match(scaleOut.description, /^192\.168\.10\.31 · Healthy · heartbeat .+ · 23 machines/);
    assert.doesNotMatch(scaleOut.description, /deployed in Azure by this extension/);

    const pending = byLabel(servers, 'ps-failback-01');
    assert.equal(pending.contextValue, 'asrFailback.processServer.deployed.unregistered');
    assert.match(pending.description, /deployed in Azure by this extension/);
  });

  it('marks a registered process server whose VM this extension deployed, matched by the address and computer name it wrote', async () => {
    await registerDemoProcessServer(control);
    const servers = await expand([PRODUCTION, 'rsv-failback-japaneast', 'cs-tokyo-01']);
    // The configuration server reports the computer name, not the VM's Azure name (ps-failback-01).
    const deployed = byLabel(servers, DEMO_DEPLOYED_VM.computerName);
    assert.equal(deployed.contextValue, 'asrFailback.processServer.deployed');
    assert.equal(deployed.iconId, 'cloud');
    assert.match(deployed.description, /^10\.10\.2\.10 · Healthy · .* · deployed in Azure by this extension$/);
    assert.ok(!servers.some((server) => server.label === DEMO_DEPLOYED_VM.name), 'not shown again as an unregistered deployment');
  });

  it('refreshes one configuration server by reading that fabric and the VM listing that can hold its servers, nothing else', async () => {
    const tree = await infrastructureTree();
    const fabrics = await expand([PRODUCTION, 'rsv-failback-japaneast']);
    const tokyo = byLabel(fabrics, 'cs-tokyo-01');
    const pending = byLabel(await renderChildren(tree, tokyo.node), DEMO_DEPLOYED_VM.name);
    assert.equal(pending.contextValue, 'asrFailback.processServer.deployed.unregistered');
    await registerDemoProcessServer(control);

    const before = await lastRequestSequence();
    await vscode.commands.executeCommand('asrFailback.refresh', tokyo.node);
    const servers = await renderChildren(tree, tokyo.node);
    assert.equal(byLabel(servers, DEMO_DEPLOYED_VM.computerName).contextValue, 'asrFailback.processServer.deployed');
    const tokyoFabricName = TOKYO_FABRIC_ID.split('/').at(-1) ?? '';
    assert.deepEqual(
      (await armRequestsSince(before)).sort(),
      [
        `GET /subscriptions/${DEMO_DEPLOYED_VM.subscriptionId}/resourceGroups/rg-asr-japaneast/providers/Microsoft.RecoveryServices/vaults/rsv-failback-japaneast/replicationFabrics/${tokyoFabricName}`,
        `GET /subscriptions/${DEMO_DEPLOYED_VM.subscriptionId}/resources`,
      ].sort(),
      'no other subscription, vault or fabric is read',
    );
  });

  it('aborts the requests of a level still loading when the tree is refreshed, the next page included', async () => {
    await control.updateSettings({ pageSizes: { 'microsoft.recoveryservices/vaults': 5 } });
    await control.addFault({
      method: 'GET',
      path: `/subscriptions/${DISASTER_RECOVERY_ID}/providers/Microsoft.RecoveryServices/vaults`,
      count: 2,
      action: { kind: 'latency', ms: 1_500 },
    });
    const tree = await infrastructureTree();
    const subscription = byLabel(await renderChildren(tree), DISASTER_RECOVERY);
    const before = await lastRequestSequence();
    const loading = tree.getChildren(subscription.node);
    const secondPage = await waitForRequest(before, (request) => request.path.endsWith('/vaults') && request.query.includes('skiptoken'));
    await vscode.commands.executeCommand('asrFailback.refresh');
    assert.deepEqual(await loading, [], 'the superseded load shows nothing');
    const answered = await waitForRequest(before, (request) => request.sequence === secondPage.sequence && (request.abandoned === true || request.status !== undefined));
    assert.equal(answered.abandoned, true, 'the request for the second page was aborted on the wire');
    const pages = (await control.requests(before)).filter((request) => request.path.endsWith('/vaults'));
    assert.equal(pages.length, 2, 'no third page was asked for');
  });

  it('reuses its connections: loading many levels at once opens far fewer TLS connections than it sends requests', async () => {
    const { openedBefore, before } = await loadVaultsAndFabricsAtOnce(async () => ({
      openedBefore: await control.tlsConnections(),
      before: await lastRequestSequence(),
    }));
    const requests = (await armRequestsSince(before)).length;
    const opened = (await control.tlsConnections()) - openedBefore;
    assert.ok(requests >= 15, `the load sent ${String(requests)} requests`);
    // Without reuse every request opens its own (25 of 25 here); with it, each client's few sockets serve the rest.
    assert.ok(opened <= requests / 2, `${String(requests)} requests opened ${String(opened)} new TLS connections`);
  });

  it('sends both SDK generations through one pool: the fabrics (classic client) go over the connection the vaults (modular client) opened', async () => {
    const tree = await infrastructureTree();
    const production = byLabel(await renderChildren(tree), PRODUCTION);
    await control.dropConnections();
    const openedBefore = await control.tlsConnections();
    const vaults = await renderChildren(tree, production.node);
    const openedForVaults = (await control.tlsConnections()) - openedBefore;
    assert.equal(openedForVaults, 1, 'the vault listing opened one connection, every earlier one closed');
    const fabrics = await renderChildren(tree, byLabel(vaults, 'rsv-failback-japaneast').node);
    assert.ok(fabrics.length > 0);
    assert.equal((await control.tlsConnections()) - openedBefore, 1, 'the fabric listing opened none of its own');
  });

  it('shows an error node with Retry for a vault whose fabrics call fails, while its siblings load', async () => {
    await control.addFault({
      method: 'GET',
      path: '/subscriptions/*/resourceGroups/rg-dr-vaults/providers/Microsoft.RecoveryServices/vaults/rsv-dr-01/replicationFabrics',
      count: 20,
      action: { kind: 'error', status: 500, code: 'InternalServerError', message: 'The service is unavailable.' },
    });
    const tree = await infrastructureTree();
    const vaults = await expand([DISASTER_RECOVERY]);
    const failing = byLabel(vaults, 'rsv-dr-01');
    const failed = await renderChildren(tree, failing.node);
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.contextValue, 'asrFailback.loadError');
    assert.match(failed[0]?.label ?? '', /Could not load: .*unavailable/i);
    assert.equal(failed[0]?.item.command?.command, 'asrFailback.retry');

    const sibling = await renderChildren(tree, byLabel(vaults, 'rsv-dr-02').node);
    assert.ok(sibling.length > 0 && sibling.every((node) => node.contextValue !== 'asrFailback.loadError'));

    await control.clearFaults();
    const refreshed = new Promise<unknown>((resolve) => {
      const listener = tree.onDidChangeTreeData?.((node) => {
        listener?.dispose();
        resolve(node);
      });
    });
    await vscode.commands.executeCommand('asrFailback.retry', failed[0]?.node);
    assert.equal(await refreshed, failing.node, 'Retry reloads the vault that failed, not the whole tree');
    const recovered = await renderChildren(tree, failing.node);
    assert.deepEqual(
      recovered.map((node) => node.label),
      ['cs-ams-01', 'cs-ams-02', 'cs-ams-03', 'cs-ams-04', 'cs-ams-05', 'cs-ams-06', 'cs-ams-07'],
    );
  });

  it('renders the vaults and fabric of the public REST spec examples', async () => {
    const vaults = await expand(['REST spec examples (vaults)']);
    assert.deepEqual(vaults.map((vault) => vault.label), ['patchtest', 'swaggerExample', 'today1']);
    assert.ok(vaults.every((vault) => vault.description === 'westus'), vaults.map((vault) => vault.description).join());
    const fabrics = await expand(['REST spec examples (fabrics)', 'vault1']);
    const cloud = byLabel(fabrics, 'cloud1');
    assert.equal(cloud.contextValue, 'asrFailback.otherFabric');
    assert.equal(cloud.description, 'HyperVSite');
    assert.equal(cloud.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
  });
});

describe('Tree commands and the subscription filter', () => {
  const control = emulatorControl();

  before(async () => {
    await control.resetState();
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('asrFailback')
      .update('selectedSubscriptions', undefined, vscode.ConfigurationTarget.Global);
  });

  it('copies a process server IP address to the clipboard', async () => {
    const servers = await expand([PRODUCTION, 'rsv-failback-japaneast', 'cs-tokyo-01']);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('asrFailback.copyIpAddress', byLabel(servers, 'ps-tokyo-scaleout-01').node);
    assert.equal(await vscode.env.clipboard.readText(), '192.168.10.31');
  });

  it('shows only the subscriptions picked in asrFailback.selectedSubscriptions, and all again when cleared', async () => {
    const tree = await infrastructureTree();
    const reloaded = (): Promise<void> =>
      new Promise((resolve) => {
        const listener = tree.onDidChangeTreeData?.(() => {
          listener?.dispose();
          resolve();
        });
      });
    let change = reloaded();
    await vscode.workspace
      .getConfiguration('asrFailback')
      .update('selectedSubscriptions', ['3c5a1f2e-8b7d-4e6a-9c1b-2d4f6a8b0c1e/c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b'], vscode.ConfigurationTarget.Global);
    await change;
    assert.deepEqual((await expand([])).map((node) => node.label), [PRODUCTION]);

    change = reloaded();
    await vscode.workspace.getConfiguration('asrFailback').update('selectedSubscriptions', undefined, vscode.ConfigurationTarget.Global);
    await change;
    assert.ok((await expand([])).length > 1);
  });
});
