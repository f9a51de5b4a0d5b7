/** ARM list paging: `{ value, nextLink }`, the next page addressed by a `$skiptoken`. */
import { ArmError } from './errors';
import { pageSizeFor, type EmulatorSettings } from './settings';
import type { ArmRequestContext, ArmResponse } from './types';

function readOffset(context: ArmRequestContext): number {
  const token = context.url.searchParams.get('$skiptoken');
  if (token === null) {
    return 0;
  }
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  const offset = Number(/^offset:(\d+)$/.exec(decoded)?.[1]);
  if (!Number.isInteger(offset)) {
    throw new ArmError(400, 'InvalidSkipToken', `The provided skip token '${token}' is invalid.`);
  }
  return offset;
}

/** One page of `items` as a 200 response; nextLink keeps the request's query (api-version, $filter, ...). */
export function pagedList(context: ArmRequestContext, settings: EmulatorSettings, resourceType: string, items: readonly unknown[]): ArmResponse {
  const pageSize = pageSizeFor(settings, resourceType);
  const offset = readOffset(context);
  const value = items.slice(offset, offset + pageSize);
  const body: { value: unknown[]; nextLink?: string } = { value };
  if (offset + pageSize < items.length) {
    const next = new URL(context.url.pathname, context.baseUrl);
    for (const [key, queryValue] of context.url.searchParams) {
      if (key !== '$skiptoken') {
        next.searchParams.append(key, queryValue);
      }
    }
    next.searchParams.set('$skiptoken', Buffer.from(`offset:${offset + pageSize}`).toString('base64url'));
    body.nextLink = next.toString();
  }
  return { status: 200, body };
}
