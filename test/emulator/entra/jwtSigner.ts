/** RS256 JSON Web Tokens signed with a key pair that lives only in memory, and the JWKS that publishes it. */
import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** Claims of a token: JSON values keyed by claim name. */
export type JwtClaims = Record<string, string | number | boolean | string[]>;

/** A JSON Web Key as Entra's `jwks_uri` lists it. */
export interface PublishedJsonWebKey {
  kty: string;
  use: 'sig';
  kid: string;
  n: string;
  e: string;
  issuer: string;
}

/** Signs and verifies the emulator's tokens. */
export class JwtSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** Key id, as in Entra's token headers: derived from the public key. */
  readonly keyId: string;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
    this.keyId = createHash('sha256').update(this.publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 27);
  }

  /** A compact JWS `header.payload.signature`. */
  sign(claims: JwtClaims): string {
    const header = { typ: 'JWT', alg: 'RS256', kid: this.keyId };
    const signingInput = `${encodeSegment(header)}.${encodeSegment(claims)}`;
    const signature = sign('sha256', Buffer.from(signingInput), this.privateKey).toString('base64url');
    return `${signingInput}.${signature}`;
  }

  /** The claims of a token this signer produced, or undefined when it is malformed or forged. */
  verify(token: string): JwtClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) {
      return undefined;
    }
    const [header, payload, signature] = parts as [string, string, string];
    const signed = verify('sha256', Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, 'base64url'));
    if (!signed) {
      return undefined;
    }
    return decodeClaims(payload);
  }

  /** This signer's public key in the shape of Entra's `/discovery/v2.0/keys`. */
  publishedKey(issuer: string): PublishedJsonWebKey {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return { kty: jwk.kty ?? 'RSA', use: 'sig', kid: this.keyId, n: jwk.n ?? '', e: jwk.e ?? '', issuer };
  }
}

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeClaims(segment: string): JwtClaims | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as JwtClaims : undefined;
  } catch {
    return undefined;
  }
}
