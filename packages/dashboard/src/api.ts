// The HTTP client: every request is built in `request` below.
//
// The dashboard calls the API on its own origin and never signs anything: `gantry dev` serves both, and
// against a deployed API (IAM auth, which a browser cannot sign without credentials) `gantry dashboard`
// serves it and forwards each call signed with SigV4 from the user's AWS credentials, which stay in the CLI.
import type {
  ActivityPage,
  CapacityGroup,
  SeriesResponse,
  SuspendFlags,
  TargetList,
  TargetView,
} from "./api-types.ts";

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

interface RequestOptions {
  body?: unknown;
  version?: number;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.version !== undefined) headers["if-match"] = `"${options.version}"`;
  let response: Response;
  try {
    response = await fetch(`${apiBase()}${path}`, {
      method,
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
  } catch (error) {
    throw new ApiRequestError(0, "NetworkError", `cannot reach ${apiBase()}: ${(error as Error).message}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toError(response.status, body);
  return body as T;
}

function toError(status: number, body: unknown): ApiRequestError {
  const error = (body as { error?: { code?: string; message?: string; field?: string | null } })?.error;
  if (error?.code) return new ApiRequestError(status, error.code, error.message ?? "", error.field ?? null);
  return new ApiRequestError(status, `Http${status}`, "the API answered without an error body");
}

/** `service/demo/web` → `/targets/demo/web`. */
export function targetPath(id: string): string {
  const [, cluster = "", service = ""] = id.split("/");
  return `/targets/${encodeURIComponent(cluster)}/${encodeURIComponent(service)}`;
}

export const api = {
  listTargets: () => request<TargetList>("GET", "/targets"),
  listCapacity: () => request<{ items: CapacityGroup[] }>("GET", "/capacity"),
  getTarget: (id: string) => request<TargetView>("GET", targetPath(id)),
  listActivities: (id: string, limit = 50) =>
    request<ActivityPage>("GET", `${targetPath(id)}/activities?limit=${limit}`),
  getSeries: (id: string) => request<SeriesResponse>("GET", `${targetPath(id)}/series`),
  suspend: (id: string, flags: SuspendFlags, version?: number) =>
    request<TargetView>("POST", `${targetPath(id)}/suspend`, { body: flags, version }),
  resume: (id: string, flags: SuspendFlags, version?: number) =>
    request<TargetView>("POST", `${targetPath(id)}/resume`, { body: flags, version }),
  setDryRun: (id: string, dryRun: boolean, version?: number) =>
    request<TargetView>("PUT", `${targetPath(id)}/dry-run`, { body: { dryRun }, version }),
};
