/** Authorization codes and refresh tokens the emulator has handed out, and what each one grants. */
import { randomBytes } from 'node:crypto';

/** Entra's authorization codes are short-lived; ten minutes is its documented upper bound. */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;

/** What `/authorize` recorded for a code. */
export interface AuthorizationCodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256' | 'plain';
  userObjectId: string;
  /** The tenant the code was issued in (the user's home tenant for common/organizations). */
  tenantId: string;
  /** Scopes the user consented to, e.g. `<arm>/.default openid profile offline_access`. */
  scopes: string[];
  nonce: string | undefined;
  issuedAtMs: number;
  redeemed: boolean;
}

/** What a refresh token lets its client obtain: tokens for the user, in any tenant the user belongs to. */
export interface RefreshTokenGrant {
  clientId: string;
  userObjectId: string;
}

/** Opaque, unguessable handles for codes and refresh tokens. */
function opaqueHandle(prefix: string): string {
  return `${prefix}.${randomBytes(48).toString('base64url')}`;
}

/** Issued codes and refresh tokens, in memory. */
export class GrantStore {
  private readonly codes = new Map<string, AuthorizationCodeGrant>();
  private readonly refreshTokens = new Map<string, RefreshTokenGrant>();

  issueCode(grant: Omit<AuthorizationCodeGrant, 'redeemed'>): string {
    const code = opaqueHandle('1.AUTHCODE');
    this.codes.set(code, { ...grant, redeemed: false });
    return code;
  }

  code(code: string): AuthorizationCodeGrant | undefined {
    return this.codes.get(code);
  }

  issueRefreshToken(grant: RefreshTokenGrant): string {
    const token = opaqueHandle('1.REFRESH');
    this.refreshTokens.set(token, grant);
    return token;
  }

  refreshToken(token: string): RefreshTokenGrant | undefined {
    return this.refreshTokens.get(token);
  }
}
