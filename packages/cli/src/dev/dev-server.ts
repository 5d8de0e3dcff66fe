// `gantry dev`'s HTTP server: the API app and the dashboard on one origin, as API Gateway and the static site
// would serve them: API routes at their own paths (`/targets…`, `/openapi.json`), the dashboard at `/` and
// `/assets/*`. The API changes targets, so it answers only the pages served here (same origin, no CORS).
import type { HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import { type LocalServer, startLocalServer } from "../http/local-server.ts";
import { requestGuard } from "../http/request-guard.ts";
import { STATIC_PATHS, serveStatic } from "../http/static-files.ts";

/** What answers the API's requests: the app `createApiApp` returns. */
export interface LocalApi {
  fetch: (request: Request) => Response | Promise<Response>;
}

export interface DevServerOptions {
  /** 0: any free port. */
  port: number;
  host: string;
  api: LocalApi;
  /** The dashboard build (index.html, assets/); without one `/` says it is not built. */
  staticDir?: string;
}

export function devApp(options: DevServerOptions) {
  const app = new Hono<{ Bindings: HttpBindings }>();
  for (const path of STATIC_PATHS) app.get(path, serveStatic(options.staticDir));
  return app.use(requestGuard("gantry dev")).all("*", async (c) => {
    const response = await options.api.fetch(c.req.raw);
    // A refused body may be left unread: the connection cannot carry another request.
    if (response.status === 413) response.headers.set("connection", "close");
    return response;
  });
}

/** Listens on host:port (port 0: any free one); rejects with the listen error (EADDRINUSE…). */
export function startDevServer(options: DevServerOptions): Promise<LocalServer> {
  return startLocalServer({ fetch: devApp(options).fetch, port: options.port, host: options.host });
}
