/** Entra ID's response shapes: JSON bodies with its headers, OAuth error bodies and the HTML error page. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An AADSTS error: the OAuth `error`, the numeric AADSTS code and the human description. */
export interface EntraError {
  status: number;
  error: string;
  code: number;
  description: string;
}

/** Sends JSON the way login.microsoftonline.com does (never cached). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'x-ms-request-id': randomUUID(),
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** Entra's timestamp format, e.g. `2024-05-01 10:00:00Z`. */
function entraTimestamp(): string {
  return `${new Date().toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** Sends `{error, error_description, error_codes, timestamp, trace_id, correlation_id, error_uri}`. */
export function sendOAuthError(req: IncomingMessage, res: ServerResponse, issuerBase: string, failure: EntraError): void {
  const traceId = randomUUID();
  const correlationHeader = req.headers['client-request-id'];
  const correlationId = typeof correlationHeader === 'string' ? correlationHeader : randomUUID();
  const timestamp = entraTimestamp();
  sendJson(res, failure.status, {
    error: failure.error,
    error_description: `AADSTS${failure.code}: ${failure.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${issuerBase}/error?code=${failure.code}`,
  });
}

/** Entra's sign-in error page, shown when it cannot trust the redirect URI enough to redirect. */
export function sendErrorPage(res: ServerResponse, failure: EntraError): void {
  const message = escapeHtml(`AADSTS${failure.code}: ${failure.description}`);
  const page = `<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>`
    + `<h1>Sorry, but we're having trouble signing you in.</h1><p id="error">${message}</p></body></html>`;
  res.writeHead(failure.status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store, no-cache' });
  res.end(page);
}

/** Escapes text for an HTML element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
