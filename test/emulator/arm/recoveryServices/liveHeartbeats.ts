/**
 * Healthy Site Recovery components heartbeat every few minutes, so a fabric read at any time shows recent
 * heartbeats for every component whose health is "Normal". Seeds express a missed heartbeat the way Azure reports
 * it: a health other than "Normal" (then the seeded time is kept).
 */
import { isJsonObject, type ArmResource, type JsonObject } from '../types';

/** How long ago a healthy component last reported. */
const HEALTHY_HEARTBEAT_AGE_MS = 3 * 60 * 1000;

/** The later of the recorded heartbeat and `time` (a component that just reported keeps its own time). */
function later(recorded: string, time: string): string {
  return Date.parse(recorded) > Date.parse(time) ? recorded : time;
}

function refresh(component: JsonObject, field: 'lastHeartbeat' | 'lastHeartbeatUtc', time: string): void {
  const recorded = component[field];
  if (component['health'] === 'Normal' && typeof recorded === 'string') {
    component[field] = later(recorded, time);
  }
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/** Sets recent heartbeats on a rendered fabric (the stored one is left as seeded). */
export function withLiveHeartbeats(fabric: ArmResource, now: Date): ArmResource {
  const time = new Date(now.getTime() - HEALTHY_HEARTBEAT_AGE_MS).toISOString();
  const properties = fabric.properties ?? {};
  const details = properties['customDetails'];
  if (!isJsonObject(details)) {
    return fabric;
  }
  if (details['instanceType'] === 'VMware') {
    const configurationServerHealthy = properties['health'] === 'Normal';
    if (configurationServerHealthy && typeof details['lastHeartbeat'] === 'string') {
      details['lastHeartbeat'] = later(details['lastHeartbeat'], time);
    }
    for (const server of objects(details['processServers'])) {
      refresh(server, 'lastHeartbeat', time);
    }
    // Master target servers carry no health of their own: they follow the configuration server's.
    for (const target of objects(details['masterTargetServers'])) {
      if (configurationServerHealthy && typeof target['lastHeartbeat'] === 'string') {
        target['lastHeartbeat'] = later(target['lastHeartbeat'], time);
      }
    }
  }
  if (details['instanceType'] === 'InMageRcm') {
    for (const key of ['processServers', 'rcmProxies', 'pushInstallers', 'replicationAgents', 'reprotectAgents', 'marsAgents', 'dras']) {
      for (const component of objects(details[key])) {
        refresh(component, 'lastHeartbeatUtc', time);
      }
    }
  }
  return fabric;
}
