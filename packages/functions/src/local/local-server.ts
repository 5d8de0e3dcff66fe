// The API app and the dashboard on one local HTTP server (@hono/node-server), as API Gateway and the static
// site would serve them: API routes at their own paths (`/targets…`, `/openapi.json`), the dashboard at `/` and
// `/assets/*`.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import { errorBody } from "../api/http-errors.ts";
import { staticFile } from "./static-files.ts";

/** What answers the API's requests: the app `createApiApp` returns. */
export interface LocalApi {
  fetch: (request: Request) => Response | Promise<Response>;
}

export interface LocalServerOptions {
  port: number;
  host?: string;
  api: LocalApi;
  /** The dashboard build (index.html, assets/); without one `/` says it is not built. */
  staticDir?: string;
}

export interface LocalServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** Any origin may call the local API (it binds 127.0.0.1); preflights answer 204. */
const localCors = cors({
  origin: "*",
  allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
  allowHeaders: ["content-type", "authorization", "if-match", "x-amz-date", "x-amz-security-token"],
  exposeHeaders: ["etag", "location", "retry-after"],
  maxAge: 600,
});

function localApp(options: LocalServerOptions): Hono {
  const app = new Hono();
  app.use(localCors);
  app.get("/", serveStatic).get("/index.html", serveStatic).get("/assets/*", serveStatic);
  app.all("*", async (c) => {
    const response = await options.api.fetch(c.req.raw);
    // A refused body may be left unread: the connection cannot carry another request.
    if (response.status === 413) response.headers.set("connection", "close");
    return response;
  });
  return app;

  function serveStatic(c: Context) {
    const path = new URL(c.req.url).pathname;
    const file = staticFile(options.staticDir, path);
    if (!file) return c.json(errorBody("NotFound", `no file ${path}`), 404);
    return c.body(new Uint8Array(file.body), file.status as 200, { "content-type": file.contentType });
  }
}

/** Listens on host:port (port 0: any free one); rejects with the listen error (EADDRINUSE…). */
export function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: localApp(options).fetch, port: options.port, hostname: host }, (info) => {
      server.off("error", reject);
      const { port } = info as AddressInfo;
      resolve({ url: `http://${host}:${port}`, port, close: () => closeServer(server as Server) });
    });
    server.once("error", reject);
    server.on("clientError", (_error, socket) => {
      if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
      else socket.destroy();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
