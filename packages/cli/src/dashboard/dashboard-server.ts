// `gantry dashboard`'s HTTP server, in the spirit of `kubectl proxy`: the dashboard's build from disk at `/`
// and `/assets/*`, every other path forwarded to the API. The dashboard calls the API on its own origin, so
// it needs no CORS and never sees the credentials, which stay in this process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isStaticPath, staticFile } from "@gantry/functions/local";
import { type ForwardOptions, forwardRequest } from "./forward-request.ts";
import { writeError } from "./proxy-error.ts";
import { refusalOf } from "./request-guard.ts";

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

function serveStatic(dir: string, request: IncomingMessage, response: ServerResponse, path: string): void {
  request.resume();
  const file = staticFile(dir, path);
  if (!file) {
    writeError(response, 404, "NotFound", `no file ${path}`);
    return;
  }
  response.writeHead(file.status, { ...PAGE_HEADERS, "content-type": file.contentType });
  response.end(request.method === "HEAD" ? undefined : file.body);
}

async function handle(options: DashboardServerOptions, request: IncomingMessage, response: ServerResponse) {
  const method = request.method ?? "GET";
  const path = new URL(request.url ?? "/", "http://proxy.invalid").pathname;
  if ((method === "GET" || method === "HEAD") && isStaticPath(path)) {
    return serveStatic(options.staticDir, request, response, path);
  }
  const refusal = refusalOf(request.headers);
  if (refusal) {
    request.resume();
    return writeError(
      response,
      403,
      "Forbidden",
      `gantry dashboard forwards only its own requests: ${refusal}`,
    );
  }
  await forwardRequest(options.forward, request, response);
}

function onRequest(options: DashboardServerOptions) {
  return (request: IncomingMessage, response: ServerResponse) => {
    handle(options, request, response).catch((error: unknown) => {
      // A broken browser connection, say: forwardRequest answers every upstream failure itself.
      options.forward.report?.(`${request.method} ${request.url}: ${(error as Error).message}`);
      if (response.headersSent) response.destroy();
      else writeError(response, 500, "InternalError", "gantry dashboard failed; see its output");
    });
  };
}

/** `http://host:port`, with IPv6 addresses in brackets. */
function urlOf(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** Listens on host:port; rejects with the listen error (EADDRINUSE, EADDRNOTAVAIL, ENOTFOUND…). */
export function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const server: Server = createServer(onRequest(options));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      const { port } = server.address() as AddressInfo;
      resolve({ url: urlOf(options.host, port), port, close: () => closeServer(server) });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
