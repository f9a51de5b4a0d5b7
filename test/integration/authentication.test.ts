import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { infrastructureTree, renderChildren } from './extensionTestContext';

/**
 * A stand-in for the Azure CLI, as @azure/identity's AzureCliCredential calls it
 * (`az account get-access-token --output json --resource <arm>`): it logs its arguments, and either gets a real token
 * from the emulator's Entra ID endpoint with the demo service principal or fails like an `az` that is not logged in.
 */
const FAKE_AZ = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.ASR_TEST_FAKE_AZ_LOG, JSON.stringify(args) + '\\n');
if (process.env.ASR_TEST_FAKE_AZ_MODE === 'logged-out') {
  process.stderr.write("ERROR: Please run 'az login' to setup account.\\n");
  process.exit(1);
}
const resource = args[args.indexOf('--resource') + 1].replace(/\\/+$/, '');
const body = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: process.env.AZURE_CLIENT_ID,
  client_secret: process.env.AZURE_CLIENT_SECRET,
  scope: resource + '/.default',
});
fetch(resource + '/' + process.env.AZURE_TENANT_ID + '/oauth2/v2.0/token', { method: 'POST', body })
  .then((response) => response.json())
  .then((token) => {
    const expiresOn = Math.floor(Date.now() / 1000) + token.expires_in;
    process.stdout.write(JSON.stringify({
      accessToken: token.access_token,
      expiresOn: new Date(expiresOn * 1000).toISOString().replace('T', ' ').slice(0, 19),
      expires_on: expiresOn,
      subscription: '',
      tenant: process.env.AZURE_TENANT_ID,
      tokenType: 'Bearer',
    }));
  })
  .catch((error) => { process.stderr.write(String(error)); process.exit(1); });
`;

async function setAuthentication(method: string): Promise<void> {
  const tree = await infrastructureTree();
  const changed = new Promise<void>((resolve) => {
    const listener = tree.onDidChangeTreeData?.(() => {
      listener?.dispose();
      resolve();
    });
  });
  await vscode.workspace.getConfiguration('asrFailback').update('authentication', method, vscode.ConfigurationTarget.Global);
  await changed;
}

describe('The authentication setting', () => {
  const fakeAzDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-fake-az-'));
  const azLog = path.join(fakeAzDir, 'calls.log');
  const originalPath = process.env.PATH;
  const originalMethod = vscode.workspace.getConfiguration('asrFailback').inspect<string>('authentication')?.globalValue;

  before(() => {
    fs.writeFileSync(path.join(fakeAzDir, 'az'), FAKE_AZ, { mode: 0o755 });
    process.env.PATH = `${fakeAzDir}${path.delimiter}${originalPath ?? ''}`;
    process.env.ASR_TEST_FAKE_AZ_LOG = azLog;
  });

  after(async () => {
    process.env.PATH = originalPath;
    delete process.env.ASR_TEST_FAKE_AZ_MODE;
    await vscode.workspace.getConfiguration('asrFailback').update('authentication', originalMethod, vscode.ConfigurationTarget.Global);
    fs.rmSync(fakeAzDir, { recursive: true, force: true });
  });

  const azCalls = (): string[][] =>
    fs.existsSync(azLog) ? fs.readFileSync(azLog, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]) : [];

  it('switches from the service principal to the Azure CLI and back, reloading the tree each time', async () => {
    const tree = await infrastructureTree();
    const withServicePrincipal = await renderChildren(tree);
    assert.ok(withServicePrincipal.some((node) => node.label === 'Contoso Production'));
    assert.equal(azCalls().length, 0, 'the service principal does not call az');

    await setAuthentication('azureCli');
    const withCli = await renderChildren(tree);
    assert.deepEqual(
      withCli.map((node) => node.label),
      withServicePrincipal.map((node) => node.label),
    );
    const calls = azCalls();
    assert.ok(calls.length > 0, 'the Azure CLI was asked for a token');
    assert.deepEqual(calls[0]?.slice(0, 2), ['account', 'get-access-token']);
    assert.ok(calls[0]?.includes('--resource'));

    await setAuthentication('servicePrincipal');
    const callsBefore = azCalls().length;
    const again = await renderChildren(tree);
    assert.ok(again.some((node) => node.label === 'Contoso Production'));
    assert.equal(azCalls().length, callsBefore, 'back on the service principal, az is not called');
  });

  it('tells the user to run "az login" when the Azure CLI has no account', async () => {
    process.env.ASR_TEST_FAKE_AZ_MODE = 'logged-out';
    try {
      await setAuthentication('azureCli');
      const roots = await renderChildren(await infrastructureTree());
      assert.equal(roots.length, 1);
      assert.equal(roots[0]?.contextValue, 'asrFailback.loadError');
      assert.match(roots[0]?.label ?? '', /run "az login"/);
    } finally {
      delete process.env.ASR_TEST_FAKE_AZ_MODE;
      await setAuthentication('servicePrincipal');
    }
  });
});
