/** The emulated Resource Manager's request pipeline: bearer check, api-version, routing, errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BearerCheck } from '../entra/model';
import { apiVersionFamilies, type ApiVersionFamily } from './apiVersions';
import { ArmError, invalidRequestContent } from './errors';
import type { ArmRouter } from './router';
import type { ArmRequestContext, ArmResponse } from './types';

/** One request as the server hands it to ARM. */
export interface ArmIncomingRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly body: Buffer;
  readonly baseUrl: string;
  readonly lroFailure: { code: string; message: string } | undefined;
}

/** Checks a request's Authorization header (EntraEmulator.checkBearer). */
export type BearerChecker = (authorization: string | undefined) => BearerCheck;

function parseBody(body: Buffer): unknown {
  if (body.length === 0) {
    return undefined;
  }
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw invalidRequestContent('The request content was invalid and could not be deserialized.');
  }
}

function unsupportedVersion(family: ApiVersionFamily, apiVersion: string, path: string): ArmError {
  const supported = family.versions.join(', ');
  if (family.isResourceManagerItself) {
    return new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are '${supported}'.`);
  }
  const typeName = family.resourceType.split('/').slice(1).join('/') || (path.split('/').at(-2) ?? '');
  return new ArmError(
    400,
    'NoRegisteredProviderFound',
    `No registered resource provider found for location 'global' and API version '${apiVersion}' for type '${typeName}'. The supported api-versions are '${supported}'.`,
  );
}

function send(res: ServerResponse, response: ArmResponse): void {
  const headers: Record<string, string> = { 'x-ms-request-id': crypto.randomUUID(), ...(response.headers ?? {}) };
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(response.body);
  res.writeHead(response.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Serves ARM paths through `router` after checking the bearer token and api-version as ARM does. */
export class ArmEmulator {
  constructor(
    private readonly router: ArmRouter,
    private readonly checkBearer: BearerChecker,
  ) {}

  async handle(request: ArmIncomingRequest): Promise<void> {
    try {
      send(request.res, await this.respond(request));
    } catch (error) {
      if (error instanceof ArmError) {
        send(request.res, { status: error.status, body: error.toBody() });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      send(request.res, { status: 500, body: { error: { code: 'InternalServerError', message: `Emulator failure: ${message}` } } });
    }
  }

  private async respond(request: ArmIncomingRequest): Promise<ArmResponse> {
    const { req, url } = request;
    const bearer = this.checkBearer(req.headers.authorization);
    if (!bearer.ok) {
      return { status: 401, body: { error: { code: bearer.code, message: bearer.message } }, headers: { 'WWW-Authenticate': bearer.wwwAuthenticate } };
    }
    const apiVersion = url.searchParams.get('api-version');
    if (apiVersion === null || apiVersion === '') {
      throw new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const match = this.router.match(method, url.pathname);
    if (match.kind === 'notFound') {
      throw new ArmError(404, 'InvalidResourceType', `The resource type could not be found for the path '${url.pathname}' and api version '${apiVersion}'.`);
    }
    if (match.kind === 'methodNotAllowed') {
      throw new ArmError(405, 'HttpMethodNotAllowed', `The requested resource does not support http method '${method}'.`);
    }
    const family: ApiVersionFamily = apiVersionFamilies[match.route.apiVersions];
    if (!family.versions.includes(apiVersion)) {
      throw unsupportedVersion(family, apiVersion, url.pathname);
    }
    const context: ArmRequestContext = {
      method,
      url,
      baseUrl: request.baseUrl,
      params: match.params,
      apiVersion,
      body: parseBody(request.body),
      caller: { tenantId: bearer.tenantId, objectId: bearer.objectId },
      lroFailure: request.lroFailure,
    };
    return match.route.handler(context);
  }
}
