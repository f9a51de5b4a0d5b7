import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { TlsInspectingProxyClient } from '../../support/tlsInspectingProxyClient';
import { waitUntil } from '../../support/waitUntil';
import { byLabel, emulatorControl, expand, infrastructureTree, loadVaultsAndFabricsAtOnce, renderChildren } from '../extensionTestContext';

const PRODUCTION = 'Contoso Production';

/** The control API of the proxy runIntegrationTests started for this run. */
function proxyControl(): TlsInspectingProxyClient {
  const url = process.env.ASR_TEST_PROXY_CONTROL;
  if (url === undefined) {
    throw new Error('ASR_TEST_PROXY_CONTROL is not set: run the tests through runIntegrationTests.');
  }
  return new TlsInspectingProxyClient(url);
}

/** Sets `http.systemCertificates` in the user settings and waits until the extension host reads the new value. */
async function setSystemCertificates(value: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('http').update('systemCertificates', value, vscode.ConfigurationTarget.Global);
  await waitUntil(
    `http.systemCertificates to read ${String(value)}`,
    () => (vscode.workspace.getConfiguration('http').get<boolean>('systemCertificates') === value ? true : undefined),
    { timeoutMs: 10_000 },
  );
}

describe('Behind a TLS-inspecting proxy whose CA only the system certificates hold (http.proxy, no NODE_EXTRA_CA_CERTS)', () => {
  const control = emulatorControl();
  const proxy = proxyControl();

  async function lastRequestSequence(): Promise<number> {
    return (await control.requests()).at(-1)?.sequence ?? 0;
  }

  it('lists subscriptions, vaults and configuration servers, every request through the proxy to the emulator', async () => {
    assert.equal(process.env.NODE_EXTRA_CA_CERTS, undefined, 'NODE_EXTRA_CA_CERTS is not set: nothing here trusts the emulator certificate');
    const emulatorAuthority = new URL((await control.info()).armEndpoint).host;
    const before = await proxy.counters();
    const sequence = await lastRequestSequence();

    const fabrics = await expand([PRODUCTION, 'rsv-failback-japaneast']);
    assert.equal(byLabel(fabrics, 'cs-tokyo-01').contextValue, 'asrFailback.configurationServer');

    const requests = await control.requests(sequence);
    assert.ok(requests.some((request) => request.method === 'POST' && request.path.endsWith('/oauth2/v2.0/token')), 'the token request reached the emulator');
    assert.ok(requests.some((request) => request.path.endsWith('/replicationFabrics')), 'so did the Resource Manager requests');
    const after = await proxy.counters();
    assert.ok(after.connectAuthorities.length > 0);
    assert.deepEqual([...new Set(after.connectAuthorities)], [emulatorAuthority], 'every CONNECT named the emulator');
    assert.ok(after.clientTlsHandshakes > before.clientTlsHandshakes, 'the extension host accepted the proxy certificate');
  });

  it('fails with a certificate error while http.systemCertificates is off, and loads again once it is back on', async () => {
    const tree = await infrastructureTree();
    const production = byLabel(await renderChildren(tree), PRODUCTION);
    try {
      await setSystemCertificates(false);
      await proxy.dropConnections();
      const before = await proxy.counters();
      await vscode.commands.executeCommand('asrFailback.refresh', production.node);
      const vaults = await renderChildren(tree, production.node);
      assert.deepEqual(vaults.map((node) => node.contextValue), ['asrFailback.loadError']);
      assert.match(vaults[0]?.label ?? '', /^Could not load: .*certificate/i);
      // The sign-in fails too: msal's message (endpoints_resolution_error) names no certificate, the extension's does.
      await vscode.commands.executeCommand('asrFailback.refresh');
      const root = await renderChildren(tree);
      assert.deepEqual(root.map((node) => node.contextValue), ['asrFailback.loadError']);
      assert.match(root[0]?.label ?? '', /sign-in endpoint .* could not be reached: .*"http\.proxy".*"http\.systemCertificates"/);
      const after = await proxy.counters();
      assert.ok(after.tunnels > before.tunnels, 'the requests still went to the proxy');
      assert.equal(after.clientTlsHandshakes, before.clientTlsHandshakes, 'and the extension host refused its certificate every time');
    } finally {
      await setSystemCertificates(true);
    }
    await proxy.dropConnections();
    await vscode.commands.executeCommand('asrFailback.refresh');
    const vaults = await expand([PRODUCTION]);
    byLabel(vaults, 'rsv-failback-japaneast');
  });

  it('measures connection reuse behind the proxy: tunnels and client TLS handshakes per Resource Manager request', async () => {
    const { before, sequence } = await loadVaultsAndFabricsAtOnce(async () => ({
      before: await proxy.counters(),
      sequence: await lastRequestSequence(),
    }));
    const requests = (await control.requests(sequence)).filter((request) => request.path.startsWith('/subscriptions')).length;
    const after = await proxy.counters();
    const tunnels = after.tunnels - before.tunnels;
    const handshakes = after.clientTlsHandshakes - before.clientTlsHandshakes;
    assert.ok(requests >= 10, `the load sent ${String(requests)} requests`);
    Mocha.reporters.Base.consoleLog(
      `      behind the proxy: ${requests} Resource Manager requests, ${tunnels} tunnels, ${handshakes} client TLS handshakes (${(tunnels / requests).toFixed(2)} tunnels per request)`,
    );
    assert.ok(handshakes >= 1, 'the load went through the proxy');
    // Reuse would show as fewer tunnels than requests; more than one per request would be tunnels that carried none.
    assert.ok(tunnels <= requests, `${String(requests)} requests opened ${String(tunnels)} tunnels`);
  });
});
