/**
 * `GET /{tenant}/oauth2/v2.0/authorize`: the demo user is already signed in and consents at once.
 * For the redirect URI https://vscode.dev/redirect the emulator also plays vscode.dev's redirect page
 * and sends the browser straight on to the VS Code callback URL carried in `state`.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { EntraContext } from './context';
import { isRegisteredRedirectUri, type AuthorityTarget } from './directory';
import { escapeHtml, sendErrorPage, type EntraError } from './responses';
import { splitScopes } from './scopes';
import { applicationNotFound, missingParameter, unknownTenant } from './tokenEndpoint';
import { clientInfo } from './tokenIssuer';

/** The redirect URI of VS Code's Microsoft authentication provider in the browser (code-server). */
export const VSCODE_DEV_REDIRECT = 'https://vscode.dev/redirect';

/** Where the browser goes next: parameters for the redirect URI and how Entra delivers them. */
interface AuthorizeResponse {
  redirectUri: string;
  responseMode: string;
  parameters: [string, string][];
}

/** Serves one authorization request. */
export function serveAuthorize(res: ServerResponse, query: URLSearchParams, target: AuthorityTarget, context: EntraContext): void {
  if (target.kind === 'unknown') {
    sendErrorPage(res, unknownTenant(target.segment));
    return;
  }
  const clientId = query.get('client_id');
  if (!clientId) {
    sendErrorPage(res, missingParameter('client_id'));
    return;
  }
  const client = context.directory.publicClient(clientId);
  if (!client) {
    sendErrorPage(res, applicationNotFound(clientId, target));
    return;
  }
  const redirectUri = restoreCollapsedSlashes(query.get('redirect_uri') ?? '');
  if (!isRegisteredRedirectUri(client, redirectUri)) {
    sendErrorPage(res, { status: 400, error: 'invalid_request', code: 50011,
      description: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured `
        + `for the application '${client.clientId}'. Make sure the redirect URI sent in the request matches one added to your `
        + 'application in the Azure portal.' });
    return;
  }
  const responseMode = query.get('response_mode') ?? 'query';
  const deliver = (parameters: [string, string][]): void => {
    deliverToRedirectUri(res, { redirectUri, responseMode, parameters }, query);
  };
  const state = query.get('state');
  const withState = (parameters: [string, string][]): [string, string][] =>
    (state === null ? parameters : [...parameters, ['state', state]]);

  const failure = requestProblem(query);
  if (failure) {
    deliver(withState(errorParameters(failure)));
    return;
  }
  const user = context.directory.signedInUser(target, query.get('login_hint') ?? undefined);
  if (!user) {
    const tenantName = target.kind === 'tenant' ? target.tenant.displayName : target.segment;
    deliver(withState(errorParameters({ status: 400, error: 'access_denied', code: 50020,
      description: `No demo user of the emulator may sign in to '${tenantName}'.` })));
    return;
  }
  const code = context.grants.issueCode({
    clientId: client.clientId,
    redirectUri,
    codeChallenge: query.get('code_challenge') ?? '',
    codeChallengeMethod: query.get('code_challenge_method') === 'S256' ? 'S256' : 'plain',
    userObjectId: user.objectId,
    tenantId: target.kind === 'tenant' ? target.tenant.id : user.homeTenantId,
    scopes: splitScopes(query.get('scope')),
    nonce: query.get('nonce') ?? undefined,
    issuedAtMs: context.nowMs,
  });
  const parameters: [string, string][] = [['code', code]];
  if (query.get('client_info') === '1') {
    parameters.push(['client_info', clientInfo(user)]);
  }
  parameters.push(['session_state', randomUUID()]);
  deliver(withState(parameters));
}

/** Problems Entra reports to the (already trusted) redirect URI rather than on its own page. */
function requestProblem(query: URLSearchParams): EntraError | undefined {
  const responseType = query.get('response_type');
  if (!responseType) {
    return missingParameter('response_type');
  }
  if (!responseType.split(' ').includes('code')) {
    return { status: 400, error: 'unsupported_response_type', code: 700054,
      description: `response_type '${responseType}' is not enabled for the application.` };
  }
  if (!query.get('scope')) {
    return missingParameter('scope');
  }
  if (!query.get('code_challenge')) {
    return { status: 400, error: 'invalid_request', code: 9002325,
      description: 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.' };
  }
  const method = query.get('code_challenge_method') ?? 'plain';
  if (method !== 'S256' && method !== 'plain') {
    return { status: 400, error: 'invalid_request', code: 90014,
      description: "The required field 'code_challenge_method' is missing or invalid." };
  }
  return undefined;
}

function errorParameters(failure: EntraError): [string, string][] {
  return [['error', failure.error], ['error_description', `AADSTS${failure.code}: ${failure.description}`]];
}

/** code-server's port proxy turns `https://vscode.dev/redirect` into `https:/vscode.dev/redirect`. */
function restoreCollapsedSlashes(uri: string): string {
  return uri.replace(/^(https?):\/(?!\/)/i, '$1://');
}

/** Sends the browser on: as vscode.dev/redirect, by query, by fragment, or by an auto-posted form. */
function deliverToRedirectUri(res: ServerResponse, response: AuthorizeResponse, query: URLSearchParams): void {
  if (response.redirectUri === VSCODE_DEV_REDIRECT) {
    redirectLikeVscodeDev(res, response.parameters, query);
    return;
  }
  if (response.responseMode === 'form_post') {
    const fields = response.parameters
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}"/>`).join('');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store, no-cache' });
    res.end(`<!DOCTYPE html><html><head><title>Working...</title></head><body onload="document.forms[0].submit()">`
      + `<form method="POST" action="${escapeHtml(response.redirectUri)}">${fields}</form></body></html>`);
    return;
  }
  const target = new URL(response.redirectUri);
  const encoded = new URLSearchParams(response.parameters).toString();
  if (response.responseMode === 'fragment') {
    target.hash = encoded;
  } else {
    for (const [name, value] of response.parameters) {
      target.searchParams.append(name, value);
    }
  }
  redirect(res, target.toString());
}

/**
 * vscode.dev/redirect forwards the result to the callback URL in `state`. VS Code does not encode
 * that URL's own query, so its `vscode-*` parameters arrive beside `state`: they are put back here.
 */
function redirectLikeVscodeDev(res: ServerResponse, parameters: [string, string][], query: URLSearchParams): void {
  let callback: URL;
  try {
    // code-server's workbench leaves the callback's own "?" percent-encoded inside `state` (".../callback%3Fvscode-reqid=1");
    // vscode.dev/redirect decodes it before it navigates, so the callback's path is ".../callback".
    const state = query.get('state') ?? '';
    callback = new URL(/%3F/i.test(state) ? decodeURIComponent(state) : state);
  } catch {
    sendErrorPage(res, { status: 400, error: 'invalid_request', code: 90014,
      description: "vscode.dev/redirect: 'state' must carry the VS Code callback URL." });
    return;
  }
  const isLoopback = callback.hostname === '127.0.0.1' || callback.hostname === 'localhost';
  if (!isLoopback || (callback.protocol !== 'http:' && callback.protocol !== 'https:')) {
    sendErrorPage(res, { status: 400, error: 'invalid_request', code: 90014,
      description: 'vscode.dev/redirect: the emulator sends the browser only to a loopback callback URL.' });
    return;
  }
  for (const [name, value] of query) {
    if (name.startsWith('vscode-') && !callback.searchParams.has(name)) {
      callback.searchParams.append(name, value);
    }
  }
  for (const [name, value] of parameters) {
    if (name !== 'state') {
      callback.searchParams.append(name, value);
    }
  }
  redirect(res, callback.toString());
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store, no-cache' });
  res.end();
}
