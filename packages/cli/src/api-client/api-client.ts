// A small typed client over the Gantry HTTP API. Errors become one-line CliErrors: never a stack trace.
import type { TargetConfigInput } from "@gantry/core";
import type { ActivityPage, CapacityList, TargetList, TargetView } from "@gantry/functions/api-types";
import { CliError } from "../cli-error.ts";
import { createSender, type PlainRequest, type Send } from "./sigv4-fetch.ts";

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

/** `service/prod/worker` → `/targets/prod/worker`. */
export function targetPath(targetId: string): string {
  const [, cluster = "", service = ""] = targetId.split("/");
  return `/targets/${encodeURIComponent(cluster)}/${encodeURIComponent(service)}`;
}

export interface ApiClient {
  listTargets(): Promise<TargetList>;
  getTarget(targetId: string): Promise<TargetView>;
  putTarget(config: TargetConfigInput, ifMatch: number): Promise<TargetView>;
  deleteTarget(targetId: string, ifMatch: number): Promise<void>;
  listActivities(targetId: string, options?: PageOptions): Promise<ActivityPage>;
  listCapacity(): Promise<CapacityList>;
  listCapacityActivities(name: string, options?: PageOptions): Promise<ActivityPage>;
}

export function createApiClient(endpoint: URL, options: { region?: string; send?: Send } = {}): ApiClient {
  const send = options.send ?? createSender(endpoint, options.region);
  const call = (method: string, path: string, extra: Partial<PlainRequest> = {}) =>
    request(send, endpoint, method, path, extra);
  return {
    listTargets: () => call("GET", "/targets") as Promise<TargetList>,
    getTarget: (id) => call("GET", targetPath(id)) as Promise<TargetView>,
    putTarget: (config, ifMatch) =>
      call("PUT", targetPath(config.target.id), {
        headers: { "content-type": "application/json", "if-match": `"${ifMatch}"` },
        body: JSON.stringify(config),
      }) as Promise<TargetView>,
    deleteTarget: async (id, ifMatch) => {
      await call("DELETE", targetPath(id), { headers: { "if-match": `"${ifMatch}"` } });
    },
    listActivities: (id, page = {}) =>
      call("GET", `${targetPath(id)}/activities${pageQuery(page)}`) as Promise<ActivityPage>,
    listCapacity: () => call("GET", "/capacity") as Promise<CapacityList>,
    listCapacityActivities: (name, page = {}) =>
      call(
        "GET",
        `/capacity/${encodeURIComponent(name)}/activities${pageQuery(page)}`,
      ) as Promise<ActivityPage>,
  };
}

function pageQuery(page: PageOptions): string {
  const query = new URLSearchParams();
  if (page.limit !== undefined) query.set("limit", String(page.limit));
  if (page.cursor !== undefined) query.set("cursor", page.cursor);
  return query.size > 0 ? `?${query}` : "";
}

async function request(
  send: Send,
  endpoint: URL,
  method: string,
  path: string,
  extra: Partial<PlainRequest>,
): Promise<unknown> {
  const url = new URL(`${endpoint.pathname.replace(/\/$/, "")}${path}`, endpoint);
  let response: Response;
  try {
    response = await send({
      method,
      url,
      headers: { accept: "application/json", ...extra.headers },
      ...bodyOf(extra),
    });
  } catch (error) {
    throw networkError(error, endpoint);
  }
  const text = await response.text();
  const body = text === "" ? undefined : parseJson(text);
  if (response.ok) return body;
  throw apiError(response.status, body, endpoint);
}

function bodyOf(extra: Partial<PlainRequest>): Pick<PlainRequest, "body"> {
  return extra.body === undefined ? {} : { body: extra.body };
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

function networkError(error: unknown, endpoint: URL): CliError {
  if (error instanceof CliError) return error;
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
