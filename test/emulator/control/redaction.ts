/** Replaces secrets in logged request bodies: passwords, passphrases, client secrets and protected parameters. */

/** The marker that stands in for a secret in the request log. */
export const REDACTED = '***';

const secretKeyPattern = /password|passphrase|secret|client_assertion|refresh_token|code_verifier|^code$/i;

function redactValue(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) {
    if (key !== undefined && /^protectedParameters$/i.test(key)) {
      return value.map((entry: unknown) => (typeof entry === 'object' && entry !== null ? { ...entry, value: REDACTED } : REDACTED));
    }
    return value.map((entry: unknown) => redactValue(entry, undefined));
  }
  if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    const namedSecret = typeof object['name'] === 'string' && secretKeyPattern.test(object['name']) && 'value' in object;
    return Object.fromEntries(
      Object.entries(object).map(([entryKey, entryValue]) => {
        if (namedSecret && entryKey === 'value') {
          return [entryKey, REDACTED];
        }
        if (secretKeyPattern.test(entryKey) && (typeof entryValue === 'string' || typeof entryValue === 'number')) {
          return [entryKey, REDACTED];
        }
        return [entryKey, redactValue(entryValue, entryKey)];
      }),
    );
  }
  return value;
}

/** A loggable form of a request body: JSON and form bodies with secrets replaced; anything else only by size. */
export function redactBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) {
    return undefined;
  }
  const text = body.toString('utf8');
  if (contentType?.includes('application/x-www-form-urlencoded') === true) {
    const form = Object.fromEntries(new URLSearchParams(text));
    return redactValue(form, undefined);
  }
  try {
    return redactValue(JSON.parse(text), undefined);
  } catch {
    return `<${body.length} bytes of ${contentType ?? 'unknown content'}>`;
  }
}

/** A query string with secret parameters replaced (authorization codes and the like never reach the log). */
export function redactQuery(searchParams: URLSearchParams): string {
  const copy = new URLSearchParams();
  for (const [key, value] of searchParams) {
    copy.append(key, secretKeyPattern.test(key) ? REDACTED : value);
  }
  const text = copy.toString();
  return text === '' ? '' : `?${text}`;
}
