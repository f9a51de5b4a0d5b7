/** Types shared by the emulated Resource Manager: JSON values, request context and handler results. */

/** A JSON object as ARM sends and receives it. */
export type JsonObject = Record<string, unknown>;

/** An ARM resource in its REST shape (id, name, type, location, tags, properties, ...). */
export interface ArmResource extends JsonObject {
  id: string;
  name: string;
  type: string;
  location?: string;
  tags?: Record<string, string>;
  properties?: JsonObject;
}

/** Who called: the claims of the bearer token checked for the request. */
export interface CallerIdentity {
  readonly tenantId: string;
  readonly objectId: string;
}

/** One ARM request after routing. */
export interface ArmRequestContext {
  readonly method: string;
  readonly url: URL;
  /** `https://127.0.0.1:<port>`: the base every URL the emulator hands out (nextLink, operation URLs) starts with. */
  readonly baseUrl: string;
  /** Template parameters of the matched route (e.g. subscriptionId, resourceGroupName). */
  readonly params: Readonly<Record<string, string>>;
  readonly apiVersion: string;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
  readonly caller: CallerIdentity;
  /** Set when a control-endpoint fault asks the next long-running operation of this request to fail. */
  readonly lroFailure: { code: string; message: string } | undefined;
}

/** What a handler answers. */
export interface ArmResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Type guard for plain JSON objects. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy of JSON data (state is never shared with callers). */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}
