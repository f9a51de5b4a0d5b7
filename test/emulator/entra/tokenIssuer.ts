/** Mints the emulator's access tokens and id tokens, and remembers which access tokens were forcibly expired. */
import { randomBytes } from 'node:crypto';
import { derivedGuid } from './directory';
import type { JwtClaims, JwtSigner } from './jwtSigner';
import type { DemoUser, ServicePrincipal } from './model';

/** An access token and its lifetime as the token endpoint reports it. */
export interface IssuedAccessToken {
  accessToken: string;
  expiresInSeconds: number;
}

/** Issues tokens; the clock and lifetime come from the emulator's options. */
export class TokenIssuer {
  /** Unique token ids (`uti`) of every access token issued, in order. */
  private readonly issuedTokenIds = new Set<string>();
  /** Token ids that {@link expireAllIssued} made expired. */
  private readonly forciblyExpired = new Set<string>();

  constructor(
    private readonly signer: JwtSigner,
    private readonly issuerBase: () => string,
    private readonly lifetimeSeconds: number,
    private readonly nowMs: () => number,
  ) {}

  /** The v1 issuer ARM tokens carry, `<authority host>/<tenant>/`. */
  accessTokenIssuer(tenantId: string): string {
    return `${this.issuerBase()}/${tenantId}/`;
  }

  /** The v2 issuer of id tokens, as published in the tenant's OpenID configuration. */
  idTokenIssuer(tenantId: string): string {
    return `${this.issuerBase()}/${tenantId}/v2.0`;
  }

  /** An app-only token (client credentials) for `audience` in the principal's tenant. */
  appAccessToken(principal: ServicePrincipal, audience: string): IssuedAccessToken {
    const objectId = servicePrincipalObjectId(principal);
    return this.accessToken({
      aud: audience,
      iss: this.accessTokenIssuer(principal.tenantId),
      appid: principal.clientId,
      appidacr: '1',
      idtyp: 'app',
      oid: objectId,
      sub: objectId,
      tid: principal.tenantId,
    });
  }

  /** A delegated token (`scp: user_impersonation`) for the user in `tenantId`, obtained by `clientId`. */
  userAccessToken(user: DemoUser, tenantId: string, clientId: string, audience: string): IssuedAccessToken {
    return this.accessToken({
      aud: audience,
      iss: this.accessTokenIssuer(tenantId),
      acr: '1',
      amr: ['pwd'],
      appid: clientId,
      appidacr: '0',
      idtyp: 'user',
      name: user.displayName,
      oid: user.objectId,
      scp: 'user_impersonation',
      sub: pairwiseSubject(user, clientId),
      tid: tenantId,
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
    });
  }

  /** The id token for the user in `tenantId`, with the claims VS Code and msal read. */
  idToken(user: DemoUser, tenantId: string, clientId: string, nonce: string | undefined): string {
    const issuedAt = Math.floor(this.nowMs() / 1000);
    const claims: JwtClaims = {
      aud: clientId,
      iss: this.idTokenIssuer(tenantId),
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + this.lifetimeSeconds,
      name: user.displayName,
      oid: user.objectId,
      preferred_username: user.userPrincipalName,
      sub: pairwiseSubject(user, clientId),
      tid: tenantId,
      uti: randomBytes(16).toString('base64url'),
      ver: '2.0',
    };
    if (nonce !== undefined) {
      claims.nonce = nonce;
    }
    return this.signer.sign(claims);
  }

  /** Marks every access token issued so far as expired. */
  expireAllIssued(): void {
    for (const tokenId of this.issuedTokenIds) {
      this.forciblyExpired.add(tokenId);
    }
  }

  /** Whether {@link expireAllIssued} expired this token. */
  isForciblyExpired(tokenId: string): boolean {
    return this.forciblyExpired.has(tokenId);
  }

  private accessToken(claims: JwtClaims): IssuedAccessToken {
    const issuedAt = Math.floor(this.nowMs() / 1000);
    const tokenId = randomBytes(16).toString('base64url');
    this.issuedTokenIds.add(tokenId);
    const accessToken = this.signer.sign({
      ...claims,
      iat: issuedAt,
      nbf: issuedAt,
      exp: issuedAt + this.lifetimeSeconds,
      uti: tokenId,
      ver: '1.0',
    });
    return { accessToken, expiresInSeconds: this.lifetimeSeconds };
  }
}

/** The service principal's object id in its tenant (stable across restarts). */
export function servicePrincipalObjectId(principal: ServicePrincipal): string {
  return derivedGuid('servicePrincipal', principal.tenantId, principal.clientId);
}

/** Entra's `sub` is pairwise: the same user has a different subject for each app. */
function pairwiseSubject(user: DemoUser, clientId: string): string {
  return Buffer.from(derivedGuid('subject', user.objectId, clientId.toLowerCase()).replaceAll('-', ''), 'hex').toString('base64url');
}

/** msal's `client_info`: base64url JSON of the home account's object id and tenant. */
export function clientInfo(user: DemoUser): string {
  return Buffer.from(JSON.stringify({ uid: user.objectId, utid: user.homeTenantId })).toString('base64url');
}
