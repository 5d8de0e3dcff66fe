// A small client over the Gantry HTTP API: hono's `hc`, typed from the API's route definitions, with the
// CLI's sender as its fetch (SigV4 unless loopback). Errors become one-line CliErrors: never a stack trace.
import { GantryError, parseServiceId, type ServiceRef, type TargetConfigInput } from "@gantry/core";
import type { ApiRoutes } from "@gantry/functions/api-client-types";
import { type ClientResponse, hc } from "hono/client";
import { CliError } from "../cli-error.ts";
import { createSender, type Send } from "./sigv4-fetch.ts";

export type {
  ActivityPage,
  CapacityGroup,
  Counts,
  TargetList,
  TargetProblem,
  TargetView,
} from "@gantry/functions/api-types";

export interface PageOptions {
  limit?: number;
  cursor?: string;
}

/** An error answer from the API: `{error: {code, message, field}}` and its HTTP status. */
export class ApiCallError extends CliError {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, field: string | null) {
    const exitCode = status === 400 || status === 413 || status === 415 ? 2 : 1;
    super(`${code}: ${message}${field ? ` (field: ${field})` : ""}`, exitCode);
    this.status = status;
    this.code = code;
  }
}

/** `service/prod/worker` → `{cluster: "prod", service: "worker"}`, each encoded for the path. */
export function targetParam(targetId: string): ServiceRef {
  const { cluster, service } = parseServiceId(targetId, "target");
  return { cluster: encodeURIComponent(cluster), service: encodeURIComponent(service) };
}

/** hc's fetch, through the CLI's sender (signed unless the endpoint is loopback). */
function fetchVia(send: Send) {
  return (input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> => {
    const body = init.body;
    return send({
      method: init.method ?? "GET",
      url: new URL(String(input)),
      headers: Object.fromEntries(new Headers(init.headers)),
      ...(typeof body === "string" ? { body } : {}),
    });
  };
}

function typedClient(endpoint: URL, send: Send) {
  return hc<ApiRoutes>(endpoint.href, { fetch: fetchVia(send), headers: { accept: "application/json" } });
}

/** The body of a 2xx answer of `R` (a union over the route's declared statuses). */
type OkBody<R> =
  R extends ClientResponse<infer T, infer S, infer _F> ? (S extends 200 | 201 | 204 ? T : never) : never;

/** The If-Match header a conditional write sends: the version it read (its ETag). */
const atVersion = (version: number) => ({ "If-Match": `"${version}"` });
const pageQuery = ({ limit, cursor }: PageOptions) => ({
  limit: limit === undefined ? undefined : String(limit),
  cursor,
});

/** Every call the CLI makes; answers typed by the routes (an error answer throws ApiCallError). */
export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(endpoint: URL, options: { region?: string; send?: Send } = {}) {
  const client = typedClient(endpoint, options.send ?? createSender(endpoint, options.region));
  const call = <R extends ClientResponse<unknown, number>>(send: () => Promise<R>) => request(endpoint, send);
  const target = client.targets[":cluster"][":service"];
  return {
    listTargets: () => call(() => client.targets.$get()),
    getTarget: (id: string) => call(() => target.$get({ param: targetParam(id) })),
    putTarget: (config: TargetConfigInput, ifMatch: number) =>
      call(() =>
        target.$put({
          param: targetParam(config.target.id),
          header: atVersion(ifMatch),
          json: config as Parameters<typeof target.$put>[0]["json"],
        }),
      ),
    deleteTarget: async (id: string, ifMatch: number): Promise<void> => {
      await call(() => target.$delete({ param: targetParam(id), header: atVersion(ifMatch) }));
    },
    listActivities: (id: string, page: PageOptions = {}) =>
      call(() => target.activities.$get({ param: targetParam(id), query: pageQuery(page) })),
    listCapacity: () => call(() => client.capacity.$get()),
    listCapacityActivities: (name: string, page: PageOptions = {}) =>
      call(() =>
        client.capacity[":name"].activities.$get({
          param: { name: encodeURIComponent(name) },
          query: pageQuery(page),
        }),
      ),
  };
}

async function request<R extends ClientResponse<unknown, number>>(
  endpoint: URL,
  send: () => Promise<R>,
): Promise<OkBody<R>> {
  let response: R;
  try {
    response = await send();
  } catch (error) {
    throw networkError(error, endpoint);
  }
  const text = await response.text();
  const body = text === "" ? undefined : parseJson(text);
  if (response.ok) return body as OkBody<R>;
  throw apiError(response.status, body, endpoint);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function apiError(status: number, body: unknown, endpoint: URL): CliError {
  const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | undefined)
    ?.error;
  if (typeof error?.code === "string" && typeof error.message === "string") {
    return new ApiCallError(
      status,
      error.code,
      error.message,
      typeof error.field === "string" ? error.field : null,
    );
  }
  const message = (body as { message?: unknown } | undefined)?.message;
  const detail = typeof message === "string" ? `: ${message}` : "";
  return new ApiCallError(
    status,
    `HTTP${status}`,
    `unexpected answer from ${endpoint.origin}${detail}`,
    null,
  );
}

function networkError(error: unknown, endpoint: URL): Error {
  // Ours, not the network's: a CliError as is, a bad target id (ValidationError) as the CLI shows those.
  if (error instanceof CliError || error instanceof GantryError) return error;
  const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } })
    .cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (code === "ECONNREFUSED") {
    return new CliError(
      `no Gantry API at ${endpoint.href} (start one with \`npm start\`, or pass --endpoint)`,
      1,
    );
  }
  const reason = typeof cause?.message === "string" ? cause.message : (error as Error).message;
  return new CliError(`cannot reach ${endpoint.href}: ${reason}`, 1);
}
