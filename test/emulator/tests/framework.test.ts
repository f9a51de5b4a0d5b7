import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { ClientSecretCredential } from '@azure/identity';
import { REDACTED } from '../control/redaction';
import { bearerHeader, collect, demo, rawRequest, rejectionOf, startHarness, type EmulatorHarness } from './harness';

const nsgBody = { location: 'japaneast', securityRules: [] };

describe('Emulator: ARM request pipeline (auth, api-version, errors, paging, LROs, faults, request log)', () => {
  let harness: EmulatorHarness;
  let network: NetworkManagementClient;
  const fastRetry = { retryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 50 } };

  before(async () => {
    harness = await startHarness();
    network = new NetworkManagementClient(harness.credential, demo.production, { ...harness.modularOptions, ...fastRetry });
  });
  after(async () => {
    await harness.emulator.stop();
  });
  afterEach(async () => {
    await harness.emulator.control.clearFaults();
    await harness.emulator.control.resetState();
    await harness.emulator.control.updateSettings({ lroDurationsMs: { '*': 30 }, pageSize: 5 });
  });

  it('answers a call without a bearer token with 401, ARM body and WWW-Authenticate', async () => {
    const response = await rawRequest(harness, 'GET', '/subscriptions?api-version=2022-12-01');
    assert.equal(response.status, 401);
    assert.equal(response.body.error?.code, 'AuthenticationFailed');
    assert.match(String(response.headers['www-authenticate']), /^Bearer authorization_uri="https:\/\/127\.0\.0\.1:\d+\/common", error="invalid_token"/);
  });

  it('requires api-version and rejects versions the type does not support, listing the supported ones', async () => {
    const missing = await rawRequest(harness, 'GET', '/subscriptions', { headers: await bearerHeader(harness) });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error?.code, 'MissingApiVersionParameter');

    const oldResources = new ResourceManagementClient(harness.credential, demo.production, { ...harness.modularOptions, apiVersion: '2099-01-01' });
    const resourcesError = await rejectionOf(oldResources.resourceGroups.get('rg-asr-japaneast'));
    assert.equal(resourcesError.code, 'InvalidApiVersionParameter');
    assert.match(resourcesError.message, /2025-04-01/);

    const generic = new ResourceManagementClient(harness.credential, demo.production, harness.modularOptions);
    const networkError = await rejectionOf(
      generic.resources.get('rg-network-japaneast', 'Microsoft.Network', '', 'virtualNetworks', 'vnet-failover-japaneast', '2015-01-01'),
    );
    assert.equal(networkError.code, 'NoRegisteredProviderFound');
    assert.match(networkError.message, /2026-01-01/);
  });

  it('pages with nextLink/$skiptoken and keeps api-version and $filter on every page', async () => {
    await harness.emulator.control.updateSettings({ pageSize: 1 });
    const pages = [];
    for await (const page of network.virtualNetworks.listAll().byPage()) {
      pages.push(page.map((virtualNetwork) => virtualNetwork.name));
    }
    assert.deepEqual(pages, [['vnet-failover-japaneast'], ['vnet-isolated-japaneast']]);
    const log = await harness.emulator.control.requests();
    const second = log.filter((entry) => entry.path.endsWith('/virtualNetworks')).at(1);
    assert.equal(second?.apiVersion, '2026-01-01');
    assert.match(second.query, /%24skiptoken=|\$skiptoken=/);
  });

  it('runs PUT and DELETE as LROs: 201 + Azure-AsyncOperation, Updating -> Succeeded, then gone', async () => {
    // The test holds the operation (a test control) and releases it after looking at the resource mid-way.
    const hold = await harness.emulator.control.hold({ kind: 'operation', method: 'PUT', path: '**/networkSecurityGroups/nsg-lro' });
    const poller = network.networkSecurityGroups.createOrUpdate('rg-network-japaneast', 'nsg-lro', nsgBody, harness.poll);
    try {
      await poller.submitted();
      const during = await network.networkSecurityGroups.get('rg-network-japaneast', 'nsg-lro');
      assert.equal(during.provisioningState, 'Updating');
      assert.equal(poller.isDone, false);
    } finally {
      assert.equal(await harness.emulator.control.releaseHold(hold.id), 1);
    }
    const created = await poller;
    assert.equal(created.provisioningState, 'Succeeded');
    const put = (await harness.emulator.control.requests()).find((entry) => entry.method === 'PUT');
    assert.equal(put?.status, 201);
    await network.networkSecurityGroups.delete('rg-network-japaneast', 'nsg-lro', harness.poll);
    const gone = await rejectionOf(network.networkSecurityGroups.get('rg-network-japaneast', 'nsg-lro'));
    assert.equal(gone.code, 'ResourceNotFound');
    assert.equal(gone.statusCode, 404);
  });

  it('sends Retry-After on LROs when configured, and the SDK waits that long between polls', async () => {
    await harness.emulator.control.updateSettings({ retryAfterSeconds: 1 });
    try {
      const started = Date.now();
      await network.networkSecurityGroups.createOrUpdate('rg-network-japaneast', 'nsg-retry-after', nsgBody, harness.poll);
      assert.ok(Date.now() - started >= 900, 'a positive Retry-After overrides updateIntervalInMs');
    } finally {
      await harness.emulator.control.updateSettings({ retryAfterSeconds: null });
    }
  });

  it('ends an LRO Failed with the injected ARM code, surfaced by the SDK, and leaves the resource Failed', async () => {
    await harness.emulator.control.addFault({ method: 'PUT', path: '/subscriptions/*/resourceGroups/*/providers/Microsoft.Network/networkSecurityGroups/*', action: { kind: 'lroFailure', code: 'InternalServerError', message: 'An error occurred.' } });
    const failure = await rejectionOf(network.networkSecurityGroups.createOrUpdate('rg-network-japaneast', 'nsg-fails', nsgBody, harness.poll));
    assert.match(failure.message, /InternalServerError/);
    const stored = await network.networkSecurityGroups.get('rg-network-japaneast', 'nsg-fails');
    assert.equal(stored.provisioningState, 'Failed');
  });

  it('throttles with 429 + Retry-After: 1 once; the SDK waits and retries (2 requests)', async () => {
    await harness.emulator.control.addFault({ method: 'GET', path: '**/virtualNetworks/vnet-failover-japaneast', action: { kind: 'throttle', retryAfterSeconds: 1 } });
    await harness.emulator.control.clearRequests();
    const started = Date.now();
    const virtualNetwork = await network.virtualNetworks.get('rg-network-japaneast', 'vnet-failover-japaneast');
    assert.equal(virtualNetwork.name, 'vnet-failover-japaneast');
    assert.ok(Date.now() - started >= 900, 'Retry-After honoured');
    const attempts = (await harness.emulator.control.requests()).filter((entry) => entry.path.endsWith('/vnet-failover-japaneast'));
    assert.deepEqual(attempts.map((entry) => entry.status), [429, 200]);
  });

  it('injects 500 and connection resets for a count; the SDK retries; without retries the error surfaces', async () => {
    await harness.emulator.control.addFault({ pathRegex: 'virtualNetworks/vnet-isolated', count: 1, action: { kind: 'error', status: 500 } });
    await harness.emulator.control.addFault({ pathRegex: 'virtualNetworks/vnet-isolated', count: 1, action: { kind: 'connectionReset' } });
    const first = await network.virtualNetworks.get('rg-network-japaneast', 'vnet-isolated-japaneast');
    assert.equal(first.name, 'vnet-isolated-japaneast');
    const statuses = (await harness.emulator.control.requests()).filter((entry) => entry.path.endsWith('vnet-isolated-japaneast')).map((entry) => entry.fault ?? entry.status);
    assert.deepEqual(statuses, ['error', 'connectionReset', 200]);

    const noRetry = new NetworkManagementClient(harness.credential, demo.production, { ...harness.modularOptions, retryOptions: { maxRetries: 0 } });
    await harness.emulator.control.addFault({ method: 'GET', pathRegex: 'vnet-isolated', action: { kind: 'error', status: 500 } });
    const error = await rejectionOf(noRetry.virtualNetworks.get('rg-network-japaneast', 'vnet-isolated-japaneast'));
    assert.equal(error.statusCode, 500);
    assert.equal(error.code, 'InternalServerError');
    assert.deepEqual(await harness.emulator.control.listFaults(), []);
  });

  it('adds latency for a path pattern', async () => {
    await harness.emulator.control.addFault({ path: '**/networkSecurityGroups/nsg-process-server', action: { kind: 'latency', ms: 250 } });
    const started = Date.now();
    await network.networkSecurityGroups.get('rg-network-japaneast', 'nsg-process-server');
    assert.ok(Date.now() - started >= 240);
  });

  it('cancels a running LRO poll through abortSignal', async () => {
    // Held (a test control), the operation runs until released: the abort is certain to land while the SDK polls.
    const hold = await harness.emulator.control.hold({ kind: 'operation', method: 'PUT', path: '**/networkSecurityGroups/nsg-cancelled' });
    try {
      const controller = new AbortController();
      const poller = network.networkSecurityGroups.createOrUpdate('rg-network-japaneast', 'nsg-cancelled', nsgBody, { ...harness.poll, abortSignal: controller.signal });
      await poller.submitted();
      controller.abort();
      const error = await rejectionOf(poller);
      assert.equal(error.name, 'AbortError');
      assert.equal((await network.networkSecurityGroups.get('rg-network-japaneast', 'nsg-cancelled')).provisioningState, 'Updating', 'the operation itself still runs');
    } finally {
      assert.equal(await harness.emulator.control.releaseHold(hold.id), 1);
    }
  });

  it('logs requests without secrets and resets state to the seed', async () => {
    const { info } = harness.emulator;
    const freshCredential = new ClientSecretCredential(info.tenantId, info.clientId, info.clientSecret, {
      authorityHost: info.authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: readFileSync(info.caFile, 'utf8') },
    });
    const resources = new ResourceManagementClient(freshCredential, demo.production, harness.modularOptions);
    await resources.resourceGroups.createOrUpdate('rg-to-reset', { location: 'japaneast' });
    const log = await harness.emulator.control.requests();
    const tokenRequest = log.find((entry) => entry.path.endsWith('/oauth2/v2.0/token'));
    assert.equal((tokenRequest?.body as Record<string, string> | undefined)?.['client_secret'], REDACTED);
    assert.ok(!JSON.stringify(log).includes(harness.emulator.info.clientSecret));
    await harness.emulator.control.resetState();
    assert.equal((await resources.resourceGroups.checkExistence('rg-to-reset')).body, false);
    const groups = await collect(resources.resourceGroups.list());
    assert.ok(groups.some((group) => group.name === 'rg-asr-ps-deploy'));
  });
});

describe('Emulator: expired tokens (own emulator: expiring revokes every issued token)', () => {
  let expiring: EmulatorHarness;

  before(async () => {
    expiring = await startHarness();
  });
  after(async () => {
    await expiring.emulator.stop();
  });

  it('answers an expired token with 401 ExpiredAuthenticationToken through the SDK', async () => {
    const resources = new ResourceManagementClient(expiring.credential, demo.production, expiring.modularOptions);
    await resources.resourceGroups.get('rg-asr-japaneast');
    await expiring.emulator.control.expireTokens();
    const expired = await rejectionOf(resources.resourceGroups.get('rg-asr-japaneast'));
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.code, 'ExpiredAuthenticationToken');
  });
});
