/** Route table for the emulated Resource Manager: ARM path templates, matched case-insensitively like ARM. */
import type { ApiVersionFamilyName } from './apiVersions';
import type { ArmRequestContext, ArmResponse } from './types';

/** Handles one matched request. */
export type ArmHandler = (context: ArmRequestContext) => ArmResponse | Promise<ArmResponse>;

/** One route: method, ARM path template (`{name}` segments are parameters), api-version family, handler. */
export interface ArmRoute {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  readonly template: string;
  readonly apiVersions: ApiVersionFamilyName;
  readonly handler: ArmHandler;
}

/** The result of matching a path against the table. */
export type RouteMatch =
  | { readonly kind: 'matched'; readonly route: ArmRoute; readonly params: Record<string, string> }
  | { readonly kind: 'methodNotAllowed'; readonly apiVersions: ApiVersionFamilyName }
  | { readonly kind: 'notFound' };

interface CompiledRoute {
  readonly route: ArmRoute;
  readonly segments: readonly string[];
  readonly literalCount: number;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function matchSegments(segments: readonly string[], pathSegments: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== pathSegments.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const actual = pathSegments[index] ?? '';
    if (segment.startsWith('{') && segment.endsWith('}')) {
      params[segment.slice(1, -1)] = decodeURIComponent(actual);
    } else if (segment.toLowerCase() !== actual.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

/** Matches request paths to routes; among several matches the one with the most literal segments wins. */
export class ArmRouter {
  private readonly routes: CompiledRoute[] = [];

  add(routes: readonly ArmRoute[]): void {
    for (const route of routes) {
      const segments = splitPath(route.template);
      const literalCount = segments.filter((segment) => !segment.startsWith('{')).length;
      this.routes.push({ route, segments, literalCount });
    }
  }

  match(method: string, path: string): RouteMatch {
    const pathSegments = splitPath(path);
    let best: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
    let otherMethod: CompiledRoute | undefined;
    for (const compiled of this.routes) {
      const params = matchSegments(compiled.segments, pathSegments);
      if (params === undefined) {
        continue;
      }
      if (compiled.route.method !== method) {
        otherMethod ??= compiled;
        continue;
      }
      if (best === undefined || compiled.literalCount > best.compiled.literalCount) {
        best = { compiled, params };
      }
    }
    if (best !== undefined) {
      return { kind: 'matched', route: best.compiled.route, params: best.params };
    }
    if (otherMethod !== undefined) {
      return { kind: 'methodNotAllowed', apiVersions: otherMethod.route.apiVersions };
    }
    return { kind: 'notFound' };
  }
}
