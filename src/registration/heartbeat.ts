import * as vscode from 'vscode';
import type { FabricService } from '../services/fabricService';
import type { ProcessServerInfo, VaultInfo } from '../siteRecovery/model';
import { abortableDelay } from '../util/abortableDelay';
import { growingIntervals } from '../util/growingIntervals';

/** Site Recovery raises its critical alert after 15 minutes without a heartbeat (error 806): older is no heartbeat. */
export const HEARTBEAT_FRESHNESS_MS = 15 * 60 * 1000;

/** The process server at `ipAddress` as its configuration server reports it now, if it does. */
export async function reportedProcessServer(
  fabrics: FabricService,
  vault: VaultInfo,
  fabricName: string,
  ipAddress: string,
  signal: AbortSignal,
): Promise<ProcessServerInfo | undefined> {
  const fabric = await fabrics.get(vault, fabricName, signal);
  return fabric.processServers.find((server) => server.ipAddress === ipAddress);
}

/** What to wait for: the process server at an address of a configuration server, with a heartbeat newer than `since`. */
export interface HeartbeatWait {
  readonly fabrics: FabricService;
  readonly vault: VaultInfo;
  readonly fabricName: string;
  readonly configurationServerName: string;
  readonly ipAddress: string;
  /** A heartbeat must be newer than this (a re-registration waits for one after it); and fresher than 15 minutes. */
  readonly since: Date | undefined;
  readonly timeoutMs: number;
  /** The longest wait between two reads of the fabric (the first ones are shorter: growingIntervals). */
  readonly recheckIntervalMs: number;
}

/**
 * Waits until the configuration server reports the process server with a recent heartbeat (it takes a few minutes
 * after the setup ends), for as long as `timeoutMs` (the setting asrFailback.registration.heartbeatTimeoutMinutes).
 */
export async function waitForHeartbeat(wait: HeartbeatWait, signal: AbortSignal, log: (line: string) => void): Promise<ProcessServerInfo> {
  const deadline = Date.now() + wait.timeoutMs;
  const intervals = growingIntervals(wait.recheckIntervalMs);
  for (;;) {
    const server = await reportedProcessServer(wait.fabrics, wait.vault, wait.fabricName, wait.ipAddress, signal);
    const heartbeat = server?.lastHeartbeat;
    const fresh = heartbeat !== undefined && Date.now() - heartbeat.getTime() < HEARTBEAT_FRESHNESS_MS && (wait.since === undefined || heartbeat > wait.since);
    if (server !== undefined && fresh) {
      log(vscode.l10n.t('{0} reports the process server {1} ({2}) with a heartbeat at {3}.', wait.configurationServerName, server.friendlyName, server.ipAddress ?? '', heartbeat.toISOString()));
      return server;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        vscode.l10n.t(
          '{0} has not reported the process server {1} with a heartbeat within {2} minutes. The registration ran; the configuration server can take longer to show it. Resume to wait again, or look at C:\\ProgramData\\ASR\\home\\svsystems\\monitor_protection*.log on the VM. The wait is the setting asrFailback.registration.heartbeatTimeoutMinutes.',
          wait.configurationServerName,
          wait.ipAddress,
          Math.round((wait.timeoutMs / 60000) * 100) / 100,
        ),
      );
    }
    await abortableDelay(Math.min(intervals.next().value, Math.max(0, deadline - Date.now())), signal);
  }
}
