// The HTTP client: hono's `hc`, typed from the API's route definitions (a type-only import: no server code is
// bundled), so paths, methods, bodies and answers are checked against the API itself.
//
// The dashboard calls the API on its own origin and never signs anything: `gantry dev` serves both, and
// against a deployed API (IAM auth, which a browser cannot sign without credentials) `gantry dashboard`
// serves it and forwards each call signed with SigV4 from the user's AWS credentials, which stay in the CLI.
import { parseServiceId, type ServiceRef } from "@gantry/core/service-id";
import type { ApiRoutes } from "@gantry/functions/api-client-types";
import { type ClientResponse, hc, type InferRequestType } from "hono/client";

/** The API's base URL: `?api=` (another local API, e.g. `gantry dev` on another port), else the page's origin. */
export function resolveApiBase(location: Pick<Location, "search" | "origin">): string {
  const fromQuery = new URLSearchParams(location.search).get("api");
  const base = fromQuery || location.origin;
  return base.replace(/\/+$/, "");
}

export function apiBase(): string {
  return resolveApiBase(window.location);
}

/** An error response (`{error:{code,message,field}}`) or a failed request. */
export class ApiRequestError extends Error {
  readonly code: string;
  readonly field: string | null;
  readonly status: number;

  constructor(status: number, code: string, message: string, field: string | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** One line for the UI. */
  describe(): string {
    return `${this.code}: ${this.message}${this.field ? ` (${this.field})` : ""}`;
  }
}

const client = () => hc<ApiRoutes>(apiBase(), { headers: { accept: "application/json" } });
type Client = ReturnType<typeof client>;

/** The body of a 2xx answer of `R` (a union over the route's declared statuses). */
type OkBody<R> =
  R extends ClientResponse<infer T, infer S, "json"> ? (S extends 200 | 201 ? T : never) : never;

async function call<R extends ClientResponse<unknown, number, "json">>(
  send: (api: Client) => Promise<R>,
): Promise<OkBody<R>> {
  let response: R;
  try {
    response = await send(client());
  } catch (error) {
    throw new ApiRequestError(0, "NetworkError", `cannot reach ${apiBase()}: ${(error as Error).message}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toError(response.status, body);
  return body as OkBody<R>;
}

function toError(status: number, body: unknown): ApiRequestError {
  const error = (body as { error?: { code?: string; message?: string; field?: string | null } })?.error;
  if (error?.code) return new ApiRequestError(status, error.code, error.message ?? "", error.field ?? null);
  return new ApiRequestError(status, `Http${status}`, "the API answered without an error body");
}

/** `service/demo/web` → `{cluster: "demo", service: "web"}`, each encoded for the path. */
export function targetParam(id: string): ServiceRef {
  const { cluster, service } = parseServiceId(id);
  return { cluster: encodeURIComponent(cluster), service: encodeURIComponent(service) };
}

/** `If-Match` for a write at `version` (none: unconditional). */
const ifMatch = (version?: number) => (version === undefined ? {} : { "If-Match": `"${version}"` });

const target = (api: Client) => api.targets[":cluster"][":service"];

const pageQuery = (limit: number, cursor?: string) => ({ limit: String(limit), ...(cursor && { cursor }) });

/** Which directions a suspend/resume call switches (the flags set to true). */
export type SuspendFlags = InferRequestType<ReturnType<typeof target>["suspend"]["$post"]>["json"];

export const api = {
  listTargets: () => call((api) => api.targets.$get()),
  listCapacity: () => call((api) => api.capacity.$get()),
  getTarget: (id: string) => call((api) => target(api).$get({ param: targetParam(id) })),
  listActivities: (id: string, limit = 50, cursor?: string) =>
    call((api) => target(api).activities.$get({ param: targetParam(id), query: pageQuery(limit, cursor) })),
  listCapacityActivities: (name: string, limit = 50, cursor?: string) =>
    call((api) =>
      api.capacity[":name"].activities.$get({
        param: { name: encodeURIComponent(name) },
        query: pageQuery(limit, cursor),
      }),
    ),
  /** A capacity group's instances over the range (epoch ms). */
  getCapacitySeries: (name: string, range: { from: number; to: number }) =>
    call((api) =>
      api.capacity[":name"].series.$get({
        param: { name: encodeURIComponent(name) },
        query: { from: String(range.from), to: String(range.to) },
      }),
    ),
  /** The API's default window (its last 3 hours) without `range`; times are epoch ms. */
  getSeries: (id: string, range?: { from: number; to: number }) =>
    call((api) =>
      target(api).series.$get({
        param: targetParam(id),
        query: range ? { from: String(range.from), to: String(range.to) } : {},
      }),
    ),
  suspend: (id: string, flags: SuspendFlags, version?: number) =>
    call((api) =>
      target(api).suspend.$post({ param: targetParam(id), header: ifMatch(version), json: flags }),
    ),
  resume: (id: string, flags: SuspendFlags, version?: number) =>
    call((api) =>
      target(api).resume.$post({ param: targetParam(id), header: ifMatch(version), json: flags }),
    ),
  setDryRun: (id: string, dryRun: boolean, version?: number) =>
    call((api) =>
      target(api)["dry-run"].$put({ param: targetParam(id), header: ifMatch(version), json: { dryRun } }),
    ),
};
