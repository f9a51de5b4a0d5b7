/** Helpers the providers share: rendering, lookups with ARM's errors, locations, tags and name rules. */
import { ArmError, resourceNotFound } from './errors';
import { azureRegions, normalizeRegion } from './resources/locations';
import type { ArmState } from './state';
import { cloneJson, isJsonObject, type ArmResource, type JsonObject } from './types';

/** A copy of the resource fit to send (state objects are never handed out). */
export function render(resource: ArmResource): ArmResource {
  return cloneJson(resource);
}

/** The resource at `id`, or 404 ResourceNotFound (after checking subscription and resource group exist). */
export function requireResource(state: ArmState, id: string, lookup: { subscriptionId: string; resourceGroupName: string; type: string; name: string }): ArmResource {
  state.requireResourceGroup(lookup.subscriptionId, lookup.resourceGroupName);
  const resource = state.get(id);
  if (resource === undefined) {
    throw resourceNotFound(lookup.type, lookup.name, lookup.resourceGroupName);
  }
  return resource;
}

/** The request body as an object, or 400 InvalidRequestContent. */
export function requireBody(body: unknown): JsonObject {
  if (!isJsonObject(body)) {
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
  }
  return body;
}

/** `properties` of a body or resource (empty when absent). */
export function propertiesOf(value: JsonObject): JsonObject {
  const properties = value['properties'];
  return isJsonObject(properties) ? properties : {};
}

/** The normalised region of a PUT body, or ARM's LocationRequired / LocationNotAvailableForResourceType. */
export function requireLocation(body: JsonObject, resourceType: string): string {
  const location = body['location'];
  if (typeof location !== 'string' || location === '') {
    throw new ArmError(400, 'LocationRequired', 'The location property is required for this definition.');
  }
  const region = normalizeRegion(location);
  if (region === undefined) {
    const available = azureRegions.map((entry) => entry.displayName).join(',');
    throw new ArmError(
      400,
      'LocationNotAvailableForResourceType',
      `The provided location '${location}' is not available for resource type '${resourceType}'. List of available regions for the resource type is '${available}'.`,
    );
  }
  return region;
}

/** The tags of a body (string values only), or undefined when absent. */
export function tagsOf(body: JsonObject): Record<string, string> | undefined {
  const tags = body['tags'];
  if (!isJsonObject(tags)) {
    return undefined;
  }
  return Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, String(value)]));
}

/** ARM's name check for provider resources: 400 InvalidResourceName when `pattern` does not hold. */
export function requireResourceName(name: string, resourceType: string, pattern: RegExp, rule: string): void {
  if (!pattern.test(name)) {
    throw new ArmError(400, 'InvalidResourceName', `Resource name ${name} is invalid. The name can be up to ${rule}.`, resourceType);
  }
}

/** A `{ id }` reference inside properties (e.g. `subnet: { id }`), or undefined. */
export function referencedId(value: unknown): string | undefined {
  return isJsonObject(value) && typeof value['id'] === 'string' ? value['id'] : undefined;
}

/** The `properties` of a stored resource, created when missing. */
export function liveProperties(resource: ArmResource): JsonObject {
  resource.properties ??= {};
  return resource.properties;
}

/** Sets `properties.provisioningState`. */
export function setProvisioningState(resource: ArmResource, state: string): void {
  liveProperties(resource)['provisioningState'] = state;
}
