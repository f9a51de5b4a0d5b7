/** Building and parsing ARM resource ids. */

/** The parts of `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{childType}/{childName}...]`. */
export interface ParsedResourceId {
  readonly subscriptionId: string;
  readonly resourceGroupName: string | undefined;
  readonly namespace: string | undefined;
  /** Full type, e.g. `Microsoft.Network/virtualNetworks/subnets`. */
  readonly type: string | undefined;
  /** Name of the last resource in the id. */
  readonly name: string | undefined;
}

/** Parses an ARM id; returns undefined when it does not start with /subscriptions/{id}. */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const segments = id.split('/').filter((segment) => segment.length > 0);
  if (segments.at(0)?.toLowerCase() !== 'subscriptions' || segments.at(1) === undefined) {
    return undefined;
  }
  const subscriptionId = segments[1];
  let index = 2;
  let resourceGroupName: string | undefined;
  if (segments[index]?.toLowerCase() === 'resourcegroups') {
    resourceGroupName = segments[index + 1];
    index += 2;
  }
  if (segments.at(index)?.toLowerCase() !== 'providers' || segments.at(index + 1) === undefined) {
    return { subscriptionId, resourceGroupName, namespace: undefined, type: undefined, name: undefined };
  }
  const namespace = segments[index + 1] ?? '';
  const rest = segments.slice(index + 2);
  const types: string[] = [];
  let name: string | undefined;
  for (let position = 0; position < rest.length; position += 2) {
    types.push(rest[position] ?? '');
    name = rest[position + 1];
  }
  return { subscriptionId, resourceGroupName, namespace, type: [namespace, ...types].join('/'), name };
}

/** `/subscriptions/{s}/resourceGroups/{rg}`. */
export function resourceGroupId(subscriptionId: string, resourceGroupName: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}`;
}

/** Id of a resource in a resource group: `childPath` is `{type}/{name}[/{type}/{name}...]`. */
export function providerResourceId(subscriptionId: string, resourceGroupName: string, namespace: string, childPath: string): string {
  return `${resourceGroupId(subscriptionId, resourceGroupName)}/providers/${namespace}/${childPath}`;
}

/** Case-insensitive key for an id (ARM ids are case-insensitive). */
export function idKey(id: string): string {
  return id.toLowerCase();
}
