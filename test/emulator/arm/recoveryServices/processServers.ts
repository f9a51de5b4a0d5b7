/**
 * The process servers of a classic configuration server's fabric, as they live in the fabric resource
 * (`properties.customDetails.processServers[]`, `ProcessServer` of the Site Recovery spec; counts are strings there).
 */
import { liveProperties, propertiesOf } from '../resourceHelpers';
import { isJsonObject, type ArmResource, type JsonObject } from '../types';

/** The fabric's `customDetails` (empty when absent). */
export function customDetailsOf(fabric: ArmResource): JsonObject {
  const details = propertiesOf(fabric)['customDetails'];
  return isJsonObject(details) ? details : {};
}

/** The fabric's process servers (live objects of the stored fabric). */
export function processServersOf(fabric: ArmResource): JsonObject[] {
  const servers = customDetailsOf(fabric)['processServers'];
  return Array.isArray(servers) ? servers.filter(isJsonObject) : [];
}

/** Replaces the fabric's process servers and its `processServerCount`. */
export function setProcessServers(fabric: ArmResource, servers: JsonObject[]): void {
  const details = customDetailsOf(fabric);
  details['processServers'] = servers;
  details['processServerCount'] = String(servers.length);
  liveProperties(fabric)['customDetails'] = details;
}

/** A count the fabric reports as a string (`machineCount`, `replicationPairCount`); 0 when absent or not a number. */
export function countOf(server: JsonObject, field: 'machineCount' | 'replicationPairCount'): number {
  const value = Number(server[field] ?? '0');
  return Number.isInteger(value) && value > 0 ? value : 0;
}
