/**
 * The resource group list's `$filter`: `tagName eq 'x' [and tagValue eq 'y']`, `resourceType eq '...'`, `location eq '...'`.
 * The generic resource lists have their own, documented grammar (resourceFilter.ts).
 */
import { ArmError } from '../errors';
import type { ArmResource } from '../types';

/** A parsed `$filter`: every present condition must hold. */
export interface ResourceFilter {
  readonly tagName?: string;
  readonly tagValue?: string;
  readonly resourceType?: string;
  readonly location?: string;
}

const canonicalKeys: Partial<Record<string, string>> = { tagname: 'tagName', tagvalue: 'tagValue', resourcetype: 'resourceType', location: 'location' };

const conditionPattern = /^\s*(tagName|tagValue|resourceType|location)\s+eq\s+'((?:[^']|'')*)'\s*$/i;

/** Parses `$filter`; 400 InvalidFilterInQueryString when it is not one ARM understands. */
export function parseResourceFilter(filter: string | null): ResourceFilter {
  if (filter === null || filter.trim() === '') {
    return {};
  }
  const result: Partial<Record<string, string>> = {};
  for (const condition of filter.split(/\s+and\s+/i)) {
    const match = conditionPattern.exec(condition);
    const key = match?.at(1);
    const value = match?.at(2);
    if (key === undefined || value === undefined) {
      throw new ArmError(400, 'InvalidFilterInQueryString', `Invalid $filter '${filter}' specified in the query string.`);
    }
    result[canonicalKeys[key.toLowerCase()] ?? key] = value.replaceAll("''", "'");
  }
  if (result['tagValue'] !== undefined && result['tagName'] === undefined) {
    throw new ArmError(400, 'InvalidFilterInQueryString', `Invalid $filter '${filter}' specified in the query string.`);
  }
  return result;
}

/** True when the resource satisfies the filter (tag names case-insensitive, values exact, as ARM). */
export function matchesFilter(resource: ArmResource, filter: ResourceFilter): boolean {
  if (filter.resourceType !== undefined && resource.type.toLowerCase() !== filter.resourceType.toLowerCase()) {
    return false;
  }
  if (filter.location !== undefined && resource.location?.toLowerCase() !== filter.location.toLowerCase()) {
    return false;
  }
  if (filter.tagName !== undefined) {
    const tagName = filter.tagName.toLowerCase();
    const entry = Object.entries(resource.tags ?? {}).find(([key]) => key.toLowerCase() === tagName);
    if (entry === undefined) {
      return false;
    }
    if (filter.tagValue !== undefined && entry[1] !== filter.tagValue) {
      return false;
    }
  }
  return true;
}
