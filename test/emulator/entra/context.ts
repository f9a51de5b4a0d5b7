/** What every Entra endpoint handler works with, gathered per request. */
import type { Directory } from './directory';
import type { GrantStore } from './grantStore';
import type { TokenIssuer } from './tokenIssuer';

/** The emulator's state and clock as one request sees them. */
export interface EntraContext {
  directory: Directory;
  grants: GrantStore;
  tokens: TokenIssuer;
  /** The emulator's origin without a trailing slash, e.g. `https://127.0.0.1:PORT`. */
  issuerBase: string;
  nowMs: number;
}
