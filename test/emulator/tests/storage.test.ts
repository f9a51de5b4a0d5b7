import assert from 'node:assert/strict';
import { StorageManagementClient } from '@azure/arm-storage';
import { bearerHeader, collect, demo, rawRequest, rejectionOf, startHarness, type EmulatorHarness } from './harness';

describe('Emulator: Microsoft.Storage through the real SDK client', () => {
  let harness: EmulatorHarness;
  let storage: StorageManagementClient;

  before(async () => {
    harness = await startHarness();
    storage = new StorageManagementClient(harness.credential, demo.production, harness.modularOptions);
  });
  after(async () => {
    await harness.emulator.stop();
  });
  afterEach(async () => {
    await harness.emulator.control.resetState();
  });

  it('lists storage accounts per subscription and resource group', async () => {
    const all = await collect(storage.storageAccounts.list());
    assert.deepEqual(all.map((account) => account.name), ['contosoasrcachejpe01']);
    const inGroup = await collect(storage.storageAccounts.listByResourceGroup('rg-asr-japaneast'));
    assert.equal(inGroup[0]?.primaryEndpoints?.blob, 'https://contosoasrcachejpe01.blob.core.windows.net/');
  });

  it('checks names: invalid, taken anywhere in the emulated cloud, free', async () => {
    const invalid = await storage.storageAccounts.checkNameAvailability({ name: 'Bad_Name', type: 'Microsoft.Storage/storageAccounts' });
    assert.deepEqual([invalid.nameAvailable, invalid.reason], [false, 'AccountNameInvalid']);
    const taken = await storage.storageAccounts.checkNameAvailability({ name: 'asrcache', type: 'Microsoft.Storage/storageAccounts' });
    assert.deepEqual([taken.nameAvailable, taken.reason], [false, 'AlreadyExists']);
    const other = new StorageManagementClient(harness.credential, demo.fabrikam, harness.modularOptions);
    const takenInOtherSubscription = await other.storageAccounts.checkNameAvailability({ name: 'contosoasrcachejpe01', type: 'Microsoft.Storage/storageAccounts' });
    assert.equal(takenInOtherSubscription.reason, 'AlreadyExists');
    const free = await storage.storageAccounts.checkNameAvailability({ name: 'psfailbackdiag01', type: 'Microsoft.Storage/storageAccounts' });
    assert.equal(free.nameAvailable, true);
  });

  it('creates an account as an LRO (202 + Location), after which its name is taken everywhere', async () => {
    const account = await storage.storageAccounts.create('rg-asr-ps-deploy', 'psfailbackdiag01', { location: 'japaneast', kind: 'StorageV2', sku: { name: 'Standard_LRS' } }, harness.poll);
    assert.equal(account.provisioningState, 'Succeeded');
    const put = (await harness.emulator.control.requests()).find((entry) => entry.method === 'PUT');
    assert.equal(put?.status, 202);
    const other = new StorageManagementClient(harness.credential, demo.fabrikam, harness.modularOptions);
    const taken = await rejectionOf(other.storageAccounts.create('rg-fabrikam-asr', 'psfailbackdiag01', { location: 'japanwest', kind: 'StorageV2', sku: { name: 'Standard_LRS' } }, harness.poll));
    assert.equal(taken.code, 'StorageAccountAlreadyTaken');
    const invalid = await rejectionOf(storage.storageAccounts.create('rg-asr-ps-deploy', 'NO', { location: 'japaneast', kind: 'StorageV2', sku: { name: 'Standard_LRS' } }, harness.poll));
    assert.equal(invalid.code, 'AccountNameInvalid');
    await storage.storageAccounts.delete('rg-asr-ps-deploy', 'psfailbackdiag01');
    assert.equal((await rejectionOf(storage.storageAccounts.getProperties('rg-asr-ps-deploy', 'psfailbackdiag01'))).code, 'ResourceNotFound');
  });

  it('refuses a name used in another resource group of this subscription (StorageAccountInAnotherResourceGroup), updates in its own', async () => {
    const parameters = { location: 'japaneast', kind: 'StorageV2', sku: { name: 'Standard_LRS' } } as const;
    const elsewhereInSubscription = await rejectionOf(storage.storageAccounts.create('rg-asr-ps-deploy', 'contosoasrcachejpe01', parameters, harness.poll));
    assert.equal(elsewhereInSubscription.code, 'StorageAccountInAnotherResourceGroup');
    assert.equal(elsewhereInSubscription.statusCode, 409);
    assert.equal(elsewhereInSubscription.message, 'The account contosoasrcachejpe01 is already in another resource group in this subscription.');
    const other = new StorageManagementClient(harness.credential, demo.fabrikam, harness.modularOptions);
    const inOtherSubscription = await rejectionOf(other.storageAccounts.create('rg-fabrikam-asr', 'contosoasrcachejpe01', parameters, harness.poll));
    assert.equal(inOtherSubscription.code, 'StorageAccountAlreadyTaken');
    assert.equal(inOtherSubscription.message, 'The storage account named contosoasrcachejpe01 is already taken.');
    const takenOutsideTheEmulatedCloud = await rejectionOf(storage.storageAccounts.create('rg-asr-ps-deploy', 'asrcache', parameters, harness.poll));
    assert.equal(takenOutsideTheEmulatedCloud.code, 'StorageAccountAlreadyTaken');
    const updated = await storage.storageAccounts.create('rg-asr-japaneast', 'contosoasrcachejpe01', { ...parameters, tags: { purpose: 'cache' } }, harness.poll);
    assert.equal(updated.provisioningState, 'Succeeded', 'the same resource group: an update');
    assert.equal(updated.tags?.['purpose'], 'cache');
    assert.deepEqual((await collect(storage.storageAccounts.list())).map((account) => account.id), [updated.id], 'still one account of that name');
  });

  it('lists a service SAS (ListServiceSas): a token shaped like the spec example, signed with the account key chosen', async () => {
    const example = await storage.storageAccounts.listServiceSAS('rg-asr-japaneast', 'contosoasrcachejpe01', {
      canonicalizedResource: '/blob/contosoasrcachejpe01/music',
      resource: 'c',
      permissions: 'l',
      sharedAccessExpiryTime: new Date('2017-05-24T11:32:48.8457197Z'),
    });
    assert.match(example.serviceSasToken ?? '', /^sv=2015-04-05&sr=c&se=2017-05-24T11%3A32%3A48Z&sp=l&sig=[A-Za-z0-9%]+$/, 'StorageAccountListServiceSAS.json');
    const blobRead = { canonicalizedResource: '/blob/contosoasrcachejpe01/scripts/register.ps1', resource: 'b', permissions: 'r', protocols: 'https', sharedAccessExpiryTime: new Date('2030-01-01T00:00:00Z') } as const;
    const token = (await storage.storageAccounts.listServiceSAS('rg-asr-japaneast', 'contosoasrcachejpe01', blobRead)).serviceSasToken ?? '';
    const query = new URLSearchParams(token);
    assert.deepEqual([...query.keys()], ['sv', 'sr', 'se', 'sp', 'spr', 'sig']);
    assert.deepEqual([query.get('sr'), query.get('se'), query.get('sp'), query.get('spr')], ['b', '2030-01-01T00:00:00Z', 'r', 'https']);
    assert.equal(Buffer.from(query.get('sig') ?? '', 'base64').length, 32, 'an HMAC-SHA256');
    const again = await storage.storageAccounts.listServiceSAS('rg-asr-japaneast', 'contosoasrcachejpe01', blobRead);
    assert.equal(again.serviceSasToken, token, 'the same parameters and key sign the same token');
    const withKey2 = await storage.storageAccounts.listServiceSAS('rg-asr-japaneast', 'contosoasrcachejpe01', { ...blobRead, keyToSign: 'key2' });
    assert.notEqual(new URLSearchParams(withKey2.serviceSasToken ?? '').get('sig'), query.get('sig'));
  });

  it('refuses service SAS parameters the spec does not allow with 400 InvalidValuesForRequestParameters, and an unknown account with 404', async () => {
    const refused = async (parameters: Parameters<StorageManagementClient['storageAccounts']['listServiceSAS']>[2]): Promise<string> => {
      const error = await rejectionOf(storage.storageAccounts.listServiceSAS('rg-asr-japaneast', 'contosoasrcachejpe01', parameters));
      assert.deepEqual([error.statusCode, error.code], [400, 'InvalidValuesForRequestParameters']);
      return error.message;
    };
    assert.equal(await refused({ canonicalizedResource: '' }), 'Values for request parameters are invalid: canonicalizedResource.');
    assert.equal(await refused({ canonicalizedResource: '/blob/contosoasrcachejpe01/c', resource: 'x' }), 'Values for request parameters are invalid: signedResource.');
    assert.match(await refused({ canonicalizedResource: '/blob/contosoasrcachejpe01/c', permissions: 'rz', keyToSign: 'key3' }), /signedPermission, keyToSign\.$/);
    // Values the SDK's types cannot carry, sent below the SDK.
    const raw = await rawRequest(harness, 'POST', `/subscriptions/${demo.production}/resourceGroups/rg-asr-japaneast/providers/Microsoft.Storage/storageAccounts/contosoasrcachejpe01/ListServiceSas?api-version=2026-09-01`, {
      headers: await bearerHeader(harness),
      body: { canonicalizedResource: '/blob/contosoasrcachejpe01/c', signedProtocol: 'ftp', signedStart: 'yesterday', signedExpiry: 42 },
    });
    assert.equal(raw.status, 400);
    assert.deepEqual(raw.body.error, { code: 'InvalidValuesForRequestParameters', message: 'Values for request parameters are invalid: signedProtocol, signedStart, signedExpiry.' });
    const missing = await rejectionOf(storage.storageAccounts.listServiceSAS('rg-asr-japaneast', 'nosuchaccount', { canonicalizedResource: '/blob/nosuchaccount/c' }));
    assert.deepEqual([missing.statusCode, missing.code], [404, 'ResourceNotFound']);
  });
});
