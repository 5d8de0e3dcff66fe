import type { z } from "zod";
import type { ApiContext } from "./api-deps.ts";
import { ApiError } from "./http-errors.ts";
import type { ApiRequest } from "./request.ts";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";

/** What a route handler returns; `body` undefined means no content. */
export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: ApiRequest;
  deps: ApiContext;
}

/** Documentation of one success response, for the OpenAPI document. */
export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Response headers worth documenting (ETag). */
  headers?: Record<string, string>;
}

/**
 * One route: method + path pattern (`{name}` segments are parameters) → handler, with the zod schemas that
 * validate its parameters, query and body. The same schemas document it in openapi.ts.
 */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Honours `If-Match: <version>` (409 Conflict when it does not match). */
  conditional?: boolean;
  /** Error statuses beyond those openapi.ts derives from the schemas (e.g. 502 for an upstream call). */
  extraErrors?: readonly number[];
  responses: Readonly<Record<number, ResponseDoc>>;
  handle: (input: RouteInput<P, Q, B>) => Promise<ApiResult>;
}

/** Erases a route's types for the table; the schemas guarantee what the handler receives. */
export function defineRoute<P = undefined, Q = undefined, B = undefined>(route: Route<P, Q, B>): Route {
  return route as unknown as Route;
}

export interface RouteMatch {
  route: Route;
  /** Raw path parameters, still to be validated by `route.params`. */
  params: Record<string, string>;
}

/** A matcher over the table: NoSuchRoute (404) when no path matches, MethodNotAllowed (405) with Allow. */
export function createRouter(routes: readonly Route[]) {
  const compiled = routes.map((route) => ({ route, pattern: route.path.split("/").slice(1) }));
  return (method: string, segments: readonly string[]): RouteMatch => {
    const hits = compiled.flatMap(({ route, pattern }) => {
      const params = matchPattern(pattern, segments);
      return params ? [{ route, params }] : [];
    });
    if (hits.length === 0) throw new ApiError("NoSuchRoute", `no route /${segments.join("/")}`, "path");
    const hit = hits.find((h) => h.route.method === method);
    if (hit) return hit;
    const allow = hits.map((h) => h.route.method).join(", ");
    throw new ApiError("MethodNotAllowed", `${method} is not allowed here; use ${allow}`, "method", {
      allow,
    });
  };
}

function matchPattern(pattern: readonly string[], segments: readonly string[]) {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] as string;
    if (part.startsWith("{")) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}
