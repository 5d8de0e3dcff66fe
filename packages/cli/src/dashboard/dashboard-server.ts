// `gantry dashboard`'s HTTP server, in the spirit of `kubectl proxy`: a small hono app. The dashboard's build
// from disk at `/` and `/assets/*`; every other request passes the guard and is forwarded to the API. The
// dashboard calls the API on its own origin, so it needs no CORS and never sees the credentials, which stay in
// this process.
import type { HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import { errorResponse } from "../http/error-response.ts";
import { type LocalServer, startLocalServer } from "../http/local-server.ts";
import { requestGuard } from "../http/request-guard.ts";
import { STATIC_PATHS, serveStatic } from "../http/static-files.ts";
import { type ForwardOptions, forwardRequest, proxyBodyLimit } from "./forward-request.ts";

export interface DashboardServerOptions {
  /** 0: any free port. */
  port: number;
  host: string;
  /** The dashboard's build (index.html, assets/). */
  staticDir: string;
  forward: ForwardOptions;
}

export function dashboardApp(options: DashboardServerOptions) {
  const app = new Hono<{ Bindings: HttpBindings }>();
  for (const path of STATIC_PATHS) app.get(path, serveStatic(options.staticDir));
  return app
    .use(requestGuard("gantry dashboard"), proxyBodyLimit)
    .all("*", forwardRequest(options.forward))
    .onError((error, c) => {
      // forwardRequest answers every upstream failure itself: this is the proxy's own.
      options.forward.report?.(`${c.req.method} ${c.req.path}: ${error.message}`);
      return errorResponse(500, "InternalError", "gantry dashboard failed; see its output");
    });
}

/** Listens on host:port; rejects with the listen error (EADDRINUSE, EADDRNOTAVAIL, ENOTFOUND…). */
export function startDashboardServer(options: DashboardServerOptions): Promise<LocalServer> {
  return startLocalServer({ fetch: dashboardApp(options).fetch, port: options.port, host: options.host });
}
