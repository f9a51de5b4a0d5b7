/** Tunables of the emulator, changeable at start and through the control endpoint. */

/** Timing and paging knobs. */
export interface EmulatorSettings {
  /** Added to every request before it is answered. */
  latencyMs: number;
  /** Duration of long-running operations per lowercase key: a resource type or type/action (README lists them); `*` is the default. */
  lroDurationsMs: Record<string, number>;
  /** `Retry-After` sent with 201/202 and while polling; undefined sends none (clients then use their own interval). */
  retryAfterSeconds: number | undefined;
  /** Delay between a successful registration run command and the process server appearing in its fabric. */
  registrationDelayMs: number;
  /** Delay before a resource provider registration moves from Registering to Registered. */
  providerRegistrationDelayMs: number;
  /** Default page size of every list. */
  pageSize: number;
  /** Page size per list, keyed by resource type lowercase (e.g. `microsoft.recoveryservices/vaults`). */
  pageSizes: Record<string, number>;
}

/** Defaults suited to tests: short operations, no Retry-After, small pages. */
export function defaultSettings(): EmulatorSettings {
  return {
    latencyMs: 0,
    lroDurationsMs: { '*': 30 },
    retryAfterSeconds: undefined,
    registrationDelayMs: 50,
    providerRegistrationDelayMs: 50,
    pageSize: 5,
    pageSizes: {},
  };
}

/** How long an operation on `resourceType` lasts. */
export function lroDurationFor(settings: EmulatorSettings, resourceType: string): number {
  const durations: Partial<Record<string, number>> = settings.lroDurationsMs;
  return durations[resourceType.toLowerCase()] ?? durations['*'] ?? 0;
}

/** How many items one page of a list of `resourceType` holds. */
export function pageSizeFor(settings: EmulatorSettings, resourceType: string): number {
  const sizes: Partial<Record<string, number>> = settings.pageSizes;
  return Math.max(1, sizes[resourceType.toLowerCase()] ?? settings.pageSize);
}
