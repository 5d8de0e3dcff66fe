// `gantry dashboard`'s HTTP server, in the spirit of `kubectl proxy`: a small hono app under
// @hono/node-server. The dashboard's build from disk at `/` and `/assets/*`; every other request passes the
// guard and is forwarded to the API. The dashboard calls the API on its own origin, so it needs no CORS and
// never sees the credentials, which stay in this process.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { staticFile } from "@gantry/functions/local";
import { type HttpBindings, serve } from "@hono/node-server";
import { type Context, Hono } from "hono";
import { type ForwardOptions, forwardRequest, proxyBodyLimit } from "./forward-request.ts";
import { errorResponse } from "./proxy-error.ts";
import { requestGuard } from "./request-guard.ts";

export interface DashboardServerOptions {
  /** 0: any free port. */
  port: number;
  host: string;
  /** The dashboard's build (index.html, assets/). */
  staticDir: string;
  forward: ForwardOptions;
}

export interface DashboardServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** No other page may frame the dashboard: its buttons send signed writes (clickjacking). */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
};

/** GET (and HEAD, which hono answers from GET without the body) of a file of the build. */
function serveStatic(dir: string) {
  return (c: Context) => {
    const path = new URL(c.req.url).pathname;
    const file = staticFile(dir, path);
    if (!file) return errorResponse(404, "NotFound", `no file ${path}`);
    return c.body(new Uint8Array(file.body), file.status as 200, {
      ...PAGE_HEADERS,
      "content-type": file.contentType,
    });
  };
}

export function dashboardApp(options: DashboardServerOptions) {
  const statics = serveStatic(options.staticDir);
  return new Hono<{ Bindings: HttpBindings }>()
    .get("/", statics)
    .get("/index.html", statics)
    .get("/assets/*", statics)
    .use(requestGuard, proxyBodyLimit)
    .all("*", forwardRequest(options.forward))
    .onError((error, c) => {
      // forwardRequest answers every upstream failure itself: this is the proxy's own.
      options.forward.report?.(`${c.req.method} ${c.req.path}: ${error.message}`);
      return errorResponse(500, "InternalError", "gantry dashboard failed; see its output");
    });
}

/** `http://host:port`, with IPv6 addresses in brackets. */
function urlOf(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** Listens on host:port; rejects with the listen error (EADDRINUSE, EADDRNOTAVAIL, ENOTFOUND…). */
export function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const { fetch } = dashboardApp(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: options.port, hostname: options.host }, (info) => {
      server.off("error", reject);
      const { port } = info as AddressInfo;
      resolve({ url: urlOf(options.host, port), port, close: () => closeServer(server as Server) });
    });
    server.once("error", reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
