/**
 * The Entra ID emulator: OIDC discovery, signing keys, instance discovery (also as
 * login.microsoftonline.com through the CONNECT proxy), `/authorize`, the v2 token endpoint, and the
 * bearer check ARM uses. Public API: {@link EntraEmulator} and the types re-exported below.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveAuthorize } from './authorize';
import { checkBearerHeader } from './bearerCheck';
import type { EntraContext } from './context';
import { Directory } from './directory';
import { instanceDiscovery, openIdConfiguration } from './discovery';
import { GrantStore } from './grantStore';
import { JwtSigner } from './jwtSigner';
import { VSCODE_PUBLIC_CLIENT, type BearerCheck, type EntraOptions } from './model';
import { sendJson, sendOAuthError } from './responses';
import { redeemTokenRequest, unknownTenant } from './tokenEndpoint';
import { TokenIssuer } from './tokenIssuer';

export type { BearerCheck, DemoUser, EntraOptions, EntraTenant, PublicClient, ServicePrincipal } from './model';
export { VSCODE_PUBLIC_CLIENT } from './model';

/** The host msal asks for instance discovery; reached only through the emulator's CONNECT proxy. */
const ENTRA_PUBLIC_HOST = 'login.microsoftonline.com';
/** code-server forwards browser tabs as `/proxy/<port>/...`; Entra paths may arrive with that prefix. */
const CODE_SERVER_PROXY_PREFIX = /^\/proxy\/\d+(?=\/)/;
const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3599;

/** Emulates Entra ID v2 for the emulated cloud's tenants, apps and users. */
export class EntraEmulator {
  private readonly directory: Directory;
  private readonly grants = new GrantStore();
  private readonly signer = new JwtSigner();
  private readonly tokens: TokenIssuer;
  private readonly now: () => number;

  constructor(private readonly options: EntraOptions) {
    this.now = options.now ?? Date.now;
    this.directory = new Directory(options.tenants, options.servicePrincipals, options.users,
      options.publicClients ?? [VSCODE_PUBLIC_CLIENT]);
    this.tokens = new TokenIssuer(this.signer, () => this.issuerBase(),
      options.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS, this.now);
  }

  /**
   * Handles Entra ID paths (and every request addressed to login.microsoftonline.com); returns false
   * for anything else, which ARM then handles. `body` is the complete request body.
   */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): boolean {
    const host = (req.headers.host ?? '').toLowerCase().replace(/:443$/, '');
    const [authoritySegment = '', ...rest] = url.pathname.replace(CODE_SERVER_PROXY_PREFIX, '').split('/').slice(1);
    const endpoint = rest.join('/');
    const context = this.context();
    if (host === ENTRA_PUBLIC_HOST) {
      if (endpoint === 'discovery/instance' && req.method === 'GET') {
        this.serveInstanceDiscovery(req, res, url);
      } else {
        sendJson(res, 404, { error: 'not_found', error_description: 'The emulator answers only instance discovery for this host.' });
      }
      return true;
    }
    const target = this.directory.resolveAuthority(authoritySegment);
    switch (endpoint) {
      case 'v2.0/.well-known/openid-configuration':
        if (target.kind === 'unknown') {
          sendOAuthError(req, res, context.issuerBase, unknownTenant(target.segment));
        } else {
          const tenantId = target.kind === 'tenant' ? target.tenant.id : undefined;
          sendJson(res, 200, openIdConfiguration(context.issuerBase, target.kind === 'tenant' ? target.tenant.id : target.segment, tenantId));
        }
        return true;
      case 'discovery/v2.0/keys':
      case 'discovery/keys':
        sendJson(res, 200, { keys: [this.signer.publishedKey(`${context.issuerBase}/{tenantid}/v2.0`)] });
        return true;
      case 'discovery/instance':
        this.serveInstanceDiscovery(req, res, url);
        return true;
      case 'oauth2/v2.0/authorize':
        serveAuthorize(res, url.searchParams, target, context);
        return true;
      case 'oauth2/v2.0/token':
        this.serveToken(req, res, body, target, context);
        return true;
      case 'oauth2/v2.0/logout':
        this.serveLogout(res, url);
        return true;
      default:
        return false;
    }
  }

  /** Checks an ARM request's `Authorization` header: a token this emulator issued for the ARM endpoint. */
  checkBearer(authorization: string | undefined): BearerCheck {
    return checkBearerHeader(authorization, {
      signer: this.signer, issuer: this.tokens, armEndpoint: this.issuerBase(), nowMs: this.now(),
    });
  }

  /** Test control: every access token issued so far is from now on expired (refresh tokens stay valid). */
  expireAllTokens(): void {
    this.tokens.expireAllIssued();
  }

  private issuerBase(): string {
    return this.options.issuerBase().replace(/\/+$/, '');
  }

  private context(): EntraContext {
    return { directory: this.directory, grants: this.grants, tokens: this.tokens, issuerBase: this.issuerBase(), nowMs: this.now() };
  }

  private serveInstanceDiscovery(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const result = instanceDiscovery(this.issuerBase(), url.searchParams.get('authorization_endpoint'));
    if (result.ok) {
      sendJson(res, 200, result.body);
    } else {
      sendOAuthError(req, res, this.issuerBase(), { status: 400, error: 'invalid_instance', code: 50049, description: result.description });
    }
  }

  private serveToken(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    target: ReturnType<Directory['resolveAuthority']>,
    context: EntraContext,
  ): void {
    if (req.method !== 'POST') {
      sendOAuthError(req, res, context.issuerBase, { status: 400, error: 'invalid_request', code: 900561,
        description: 'The endpoint only accepts POST, OPTIONS requests. Received a GET request.' });
      return;
    }
    const outcome = redeemTokenRequest(req, new URLSearchParams(body.toString('utf8')), target, context);
    if (outcome.ok) {
      sendJson(res, 200, outcome.body);
    } else {
      sendOAuthError(req, res, context.issuerBase, outcome.failure);
    }
  }

  /** Signs nobody out (the demo user stays signed in) and returns to a loopback post-logout URI if given. */
  private serveLogout(res: ServerResponse, url: URL): void {
    const returnTo = url.searchParams.get('post_logout_redirect_uri');
    const hostname = returnTo ? URL.parse(returnTo)?.hostname : undefined;
    if (returnTo && (hostname === '127.0.0.1' || hostname === 'localhost')) {
      res.writeHead(302, { Location: returnTo }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>You signed out of your account.</body></html>');
  }
}
