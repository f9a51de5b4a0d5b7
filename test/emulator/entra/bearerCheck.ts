/** ARM's check of an `Authorization: Bearer` header against the tokens this emulator issued. */
import type { JwtSigner } from './jwtSigner';
import type { BearerCheck } from './model';
import type { TokenIssuer } from './tokenIssuer';

type BearerFailure = Extract<BearerCheck, { ok: false }>;

/** Verifies signature, audience and expiry, and answers with ARM's 401 code and message when one fails. */
export function checkBearerHeader(
  authorization: string | undefined,
  context: { signer: JwtSigner; issuer: TokenIssuer; armEndpoint: string; nowMs: number },
): BearerCheck {
  const authorizationUri = `${context.armEndpoint.replace(/\/+$/, '')}/common`;
  const fail = (code: BearerFailure['code'], message: string): BearerFailure => ({
    ok: false,
    status: 401,
    code,
    message,
    wwwAuthenticate: `Bearer authorization_uri="${authorizationUri}", error="invalid_token", error_description="${message.replaceAll('"', "'")}"`,
  });
  if (authorization === undefined || authorization === '') {
    return fail('AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) {
    return fail('AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.");
  }
  const claims = context.signer.verify(match[1]);
  const { tid, oid, aud, exp, nbf, uti } = claims ?? {};
  if (typeof tid !== 'string' || typeof oid !== 'string' || typeof aud !== 'string' || typeof exp !== 'number'
    || typeof uti !== 'string') {
    return fail('InvalidAuthenticationToken', 'The access token is invalid.');
  }
  const allowedAudiences = allowedArmAudiences(context.armEndpoint);
  if (!allowedAudiences.includes(aud)) {
    return fail('InvalidAuthenticationTokenAudience', `The access token has been obtained for wrong audience or resource '${aud}'. `
      + `It should exactly match with one of the allowed audiences ${allowedAudiences.map((value) => `'${value}'`).join(',')}.`);
  }
  const nowSeconds = Math.floor(context.nowMs / 1000);
  if (typeof nbf === 'number' && nbf > nowSeconds + CLOCK_SKEW_SECONDS) {
    return fail('InvalidAuthenticationToken', 'The access token is not yet valid.');
  }
  if (exp <= nowSeconds || context.issuer.isForciblyExpired(uti)) {
    const expiry = context.issuer.isForciblyExpired(uti) ? Math.min(exp, nowSeconds - 1) : exp;
    return fail('ExpiredAuthenticationToken', `The access token expiry UTC time '${armUtcTime(expiry)}' is earlier than `
      + `current UTC time '${armUtcTime(nowSeconds)}'.`);
  }
  return { ok: true, tenantId: tid, objectId: oid, expiresOn: exp };
}

/** ARM tolerates a few minutes of clock skew on `nbf`. */
const CLOCK_SKEW_SECONDS = 300;

/** ARM accepts its endpoint with and without the trailing slash. */
function allowedArmAudiences(armEndpoint: string): string[] {
  const bare = armEndpoint.replace(/\/+$/, '');
  return [`${bare}/`, bare];
}

/** ARM's timestamp format in these messages, e.g. `5/1/2024 10:00:00 AM`. */
function armUtcTime(epochSeconds: number): string {
  const time = new Date(epochSeconds * 1000);
  const hours = time.getUTCHours();
  const twelveHour = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${time.getUTCMonth() + 1}/${time.getUTCDate()}/${time.getUTCFullYear()} `
    + `${twelveHour}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}
