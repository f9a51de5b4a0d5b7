/**
 * Long-running operations as ARM runs them: the request answers 201/202 at once with `Azure-AsyncOperation`
 * (PUT/DELETE) or `Location` (POST actions, resource group and storage operations); the work completes after
 * the configured duration, and the operation URL reports InProgress, then Succeeded or Failed with `error`.
 */
import { randomUUID } from 'node:crypto';
import type { HoldRegistry } from '../control/holds';
import { ArmError } from './errors';
import type { EmulatorSettings } from './settings';
import type { ArmRequestContext, ArmResponse } from './types';

/** Status of one operation as the operation URL reports it. */
export interface OperationRecord {
  readonly id: string;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  readonly startTime: string;
  endTime?: string;
  error?: { code: string; message: string };
  /** Body of the final 200 of a Location-polled operation (e.g. a runCommand result); undefined answers an empty 200. */
  result?: unknown;
}

/** What a handler starts: `complete` runs when the duration is over; throwing an ArmError fails the operation. */
export interface OperationStart {
  readonly context: ArmRequestContext;
  /** Namespace whose `locations/{location}/operations` URL reports the operation (e.g. Microsoft.Network). */
  readonly namespace: string;
  readonly location: string;
  readonly durationMs: number;
  /** Runs at the end; its return value is the Location-polled result. */
  readonly complete: () => unknown;
  /** Runs instead of `complete` when the operation fails (fault injection or `complete` throwing). */
  readonly onFailure?: (error: { code: string; message: string }) => void;
}

/** Tracks every operation of the emulated cloud. */
export class OperationTracker {
  private readonly records = new Map<string, OperationRecord>();
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `holds` (a test control) can keep an operation running until the test releases it. */
  constructor(
    private readonly settings: EmulatorSettings,
    private readonly holds?: HoldRegistry,
  ) {}

  /** Starts an operation; the caller answers with `asyncOperationHeaders` or `locationHeaders`. */
  start(start: OperationStart): OperationRecord {
    const record: OperationRecord = { id: randomUUID(), status: 'InProgress', startTime: new Date().toISOString() };
    this.records.set(record.id, record);
    const injectedFailure = start.context.lroFailure;
    const { method, url } = start.context;
    const held = this.holds?.intercept(
      'operation',
      `${method} ${url.pathname}`,
      () => {
        if (this.records.get(record.id) === record) {
          this.finish(record, start, injectedFailure);
        }
      },
      { method, path: url.pathname },
    );
    if (held === true) {
      return record;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.finish(record, start, injectedFailure);
    }, start.durationMs);
    this.timers.add(timer);
    return record;
  }

  private finish(record: OperationRecord, start: OperationStart, injectedFailure: OperationStart['context']['lroFailure']): void {
    record.endTime = new Date().toISOString();
    if (injectedFailure !== undefined) {
      record.status = 'Failed';
      record.error = { ...injectedFailure };
      start.onFailure?.(record.error);
      return;
    }
    try {
      record.result = start.complete();
      record.status = 'Succeeded';
    } catch (error) {
      if (!(error instanceof ArmError)) {
        throw error;
      }
      record.status = 'Failed';
      record.error = { code: error.code, message: error.message };
      start.onFailure?.(record.error);
    }
  }

  /** `Azure-AsyncOperation` (and Retry-After) for a 201/202 answer. */
  asyncOperationHeaders(record: OperationRecord, start: OperationStart): Record<string, string> {
    const url = this.operationUrl(start, 'operations', record.id);
    return { 'Azure-AsyncOperation': url, ...this.retryAfter() };
  }

  /** `Location` (and Retry-After) for a 202 answer polled by its Location (Storage names the segment `asyncoperations`). */
  locationHeaders(record: OperationRecord, start: OperationStart, segment: 'operationResults' | 'asyncoperations' = 'operationResults'): Record<string, string> {
    return { Location: this.operationUrl(start, segment, record.id), ...this.retryAfter() };
  }

  /** `Location` at the subscription scope, as resource group deletion answers. */
  subscriptionLocationHeaders(record: OperationRecord, context: ArmRequestContext, subscriptionId: string): Record<string, string> {
    const url = new URL(`/subscriptions/${subscriptionId}/operationresults/${record.id}`, context.baseUrl);
    url.searchParams.set('api-version', context.apiVersion);
    return { Location: url.toString(), ...this.retryAfter() };
  }

  /**
   * `Azure-AsyncOperation` and `Location` at paths of the provider's own scope (each gets `/{operationId}` and the
   * request's api-version), and Retry-After: Site Recovery answers `…/vaults/{v}/replicationOperationStatus/{id}` and
   * `…/replicationFabrics/{f}/operationresults/{id}`.
   */
  scopedHeaders(record: OperationRecord, start: OperationStart, paths: { readonly asyncOperation: string; readonly location: string }): Record<string, string> {
    const url = (path: string): string => {
      const result = new URL(`${path}/${record.id}`, start.context.baseUrl);
      result.searchParams.set('api-version', start.context.apiVersion);
      return result.toString();
    };
    return { 'Azure-AsyncOperation': url(paths.asyncOperation), Location: url(paths.location), ...this.retryAfter() };
  }

  /** Answer of the Azure-AsyncOperation URL. */
  statusResponse(operationId: string): ArmResponse {
    const record = this.require(operationId);
    const body = {
      id: operationId,
      name: operationId,
      status: record.status,
      startTime: record.startTime,
      ...(record.endTime === undefined ? {} : { endTime: record.endTime }),
      ...(record.error === undefined ? {} : { error: record.error }),
    };
    return { status: 200, body, headers: record.status === 'InProgress' ? this.retryAfter() : {} };
  }

  /** Answer of a Location URL: 202 while running, then 200 with the result (204 without one) or the error. */
  locationResponse(operationId: string, context: ArmRequestContext): ArmResponse {
    const record = this.require(operationId);
    if (record.status === 'InProgress') {
      return { status: 202, headers: { Location: context.url.toString().replace(/^https?:\/\/[^/]+/, context.baseUrl), ...this.retryAfter() } };
    }
    if (record.status === 'Failed') {
      const error = record.error ?? { code: 'InternalServerError', message: 'The operation failed.' };
      return { status: 400, body: { error } };
    }
    return record.result === undefined ? { status: 200 } : { status: 200, body: record.result };
  }

  /** Cancels pending timers (state reset, shutdown). */
  dispose(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    this.records.clear();
  }

  private require(operationId: string): OperationRecord {
    const record = this.records.get(operationId);
    if (record === undefined) {
      throw new ArmError(404, 'OperationNotFound', `The operation '${operationId}' could not be found.`);
    }
    return record;
  }

  private operationUrl(start: OperationStart, kind: 'operations' | 'operationResults' | 'asyncoperations', operationId: string): string {
    const subscriptionId = start.context.params['subscriptionId'];
    const url = new URL(`/subscriptions/${subscriptionId}/providers/${start.namespace}/locations/${start.location}/${kind}/${operationId}`, start.context.baseUrl);
    url.searchParams.set('api-version', start.context.apiVersion);
    return url.toString();
  }

  private retryAfter(): Record<string, string> {
    return this.settings.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(this.settings.retryAfterSeconds) };
  }
}
