/**
 * Microsoft.Storage `POST storageAccounts/{account}/ListServiceSas` (StorageAccounts_ListServiceSAS): 200
 * `{ serviceSasToken }` for a body of ServiceSasParameters (spec example StorageAccountListServiceSAS.json). The body
 * is checked as the spec types it: `canonicalizedResource` required, `signedResource` one of b/c/f/s,
 * `signedPermission` letters of r/d/w/l/a/c/u/p, `signedProtocol` `https,http` or `https`, `signedStart`/`signedExpiry`
 * date-times; anything else is 400 InvalidValuesForRequestParameters ("Values for request parameters are invalid: …",
 * the Storage resource provider's answer to invalid values).
 *
 * Simulated: the token has the shape of a real service SAS query string (the example's
 * `sv=2015-04-05&sr=c&se=2017-05-24T11%3A32%3A48Z&sp=l&sig=…`, with `st`, `sip`, `spr`, `si`, `rscc`… added when asked
 * for), but `sig` is an HMAC-SHA256 with an emulator key of the account (`keyToSign`: key1, the default, or key2)
 * and there is no blob data plane to accept it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ArmError } from '../errors';
import { addressedResource, itemTemplate } from '../providerCrud';
import { requireBody } from '../resourceHelpers';
import { idKey } from '../resourceIds';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import type { StorageAccountKeys } from '../state';
import type { ArmRequestContext, JsonObject } from '../types';
import { storageAccountKind } from './storageAccounts';

/** The signed version of the spec example's token. */
const signedVersion = '2015-04-05';

/** Optional string properties of ServiceSasParameters and the query parameter each becomes, in token order. */
const passThrough = [
  ['signedIp', 'sip'],
  ['signedProtocol', 'spr'],
  ['signedIdentifier', 'si'],
  ['rscc', 'rscc'],
  ['rscd', 'rscd'],
  ['rsce', 'rsce'],
  ['rscl', 'rscl'],
  ['rsct', 'rsct'],
  ['startPk', 'spk'],
  ['startRk', 'srk'],
  ['endPk', 'epk'],
  ['endRk', 'erk'],
] as const;

function invalidValues(names: readonly string[]): ArmError {
  return new ArmError(400, 'InvalidValuesForRequestParameters', `Values for request parameters are invalid: ${names.join(', ')}.`);
}

/** ISO 8601 without fractional seconds, as the example's `se` shows it; undefined when the value is no date-time. */
function sasTime(value: string): string | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}T/.test(value) ? undefined : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The names of the body's properties that break the spec's types, in the order ServiceSasParameters lists them. */
function invalidProperties(body: JsonObject): string[] {
  const problems: string[] = [];
  const text = (name: string): string | undefined => (typeof body[name] === 'string' ? body[name] : undefined);
  const present = (name: string): boolean => body[name] !== undefined && body[name] !== null;
  const check = (name: string, valid: (value: string) => boolean): void => {
    const value = text(name);
    if (present(name) && (value === undefined || !valid(value))) {
      problems.push(name);
    }
  };
  if (text('canonicalizedResource') === undefined || text('canonicalizedResource') === '') {
    problems.push('canonicalizedResource');
  }
  check('signedResource', (value) => ['b', 'c', 'f', 's'].includes(value));
  check('signedPermission', (value) => /^[rdwlacup]+$/.test(value));
  check('signedProtocol', (value) => ['https,http', 'https'].includes(value));
  check('signedStart', (value) => sasTime(value) !== undefined);
  check('signedExpiry', (value) => sasTime(value) !== undefined);
  check('keyToSign', (value) => ['key1', 'key2'].includes(value));
  for (const [name] of passThrough) {
    check(name, () => true);
  }
  return problems;
}

function keysOf(services: ArmServices, accountId: string): StorageAccountKeys {
  const key = idKey(accountId);
  const existing = services.state.storageAccountKeys.get(key);
  if (existing !== undefined) {
    return existing;
  }
  const created: StorageAccountKeys = { key1: randomBytes(64), key2: randomBytes(64) };
  services.state.storageAccountKeys.set(key, created);
  return created;
}

function listServiceSas(services: ArmServices, context: ArmRequestContext): ReturnType<ArmRoute['handler']> {
  const account = addressedResource(services, storageAccountKind, context, 'accountName');
  const body = requireBody(context.body);
  const problems = invalidProperties(body);
  if (problems.length > 0) {
    throw invalidValues(problems);
  }
  const value = (name: string): string => (typeof body[name] === 'string' ? body[name] : '');
  const start = sasTime(value('signedStart')) ?? '';
  const expiry = sasTime(value('signedExpiry')) ?? '';
  const fields: [string, string][] = [
    ['sv', signedVersion],
    ['sr', value('signedResource')],
    ['st', start],
    ['se', expiry],
    ['sp', value('signedPermission')],
    ...passThrough.map(([name, parameter]): [string, string] => [parameter, value(name)]),
  ];
  const stringToSign = [value('signedPermission'), start, expiry, value('canonicalizedResource'), value('signedIdentifier'), value('signedIp'), value('signedProtocol'), signedVersion]
    .concat(['rscc', 'rscd', 'rsce', 'rscl', 'rsct'].map(value))
    .join('\n');
  const keyName = value('keyToSign') === 'key2' ? 'key2' : 'key1';
  const signature = createHmac('sha256', keysOf(services, account.id)[keyName]).update(stringToSign, 'utf8').digest('base64');
  const query = [...fields.filter(([, fieldValue]) => fieldValue !== ''), ['sig', signature]]
    .map(([parameter, fieldValue]) => `${parameter}=${encodeURIComponent(fieldValue)}`)
    .join('&');
  return { status: 200, body: { serviceSasToken: query } };
}

/** Route for `POST storageAccounts/{account}/ListServiceSas`. */
export function serviceSasRoutes(services: ArmServices): ArmRoute[] {
  return [
    {
      method: 'POST',
      template: `${itemTemplate(storageAccountKind, 'accountName')}/ListServiceSas`,
      apiVersions: 'storage',
      handler: (context) => listServiceSas(services, context),
    },
  ];
}
