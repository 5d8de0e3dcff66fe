// The API Lambda and the dashboard on one local HTTP server, as API Gateway and the static site would serve
// them: API routes at their own paths (`/targets…`, `/openapi.json`), the dashboard at `/` and `/assets/*`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import {
  BodyTooLargeError,
  localLambdaContext,
  readBody,
  toApiGatewayEvent,
  writeApiResult,
} from "./http-adapter.ts";
import { isStaticPath, staticFile } from "./static-files.ts";

/** The API handler as `createApiHandler` returns it. */
export type LocalApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

export interface LocalServerOptions {
  port: number;
  host?: string;
  api: LocalApiHandler;
  /** The dashboard build (index.html, assets/); without one `/` says it is not built. */
  staticDir?: string;
}

export interface LocalServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

const CORS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET,POST,PUT,PATCH,DELETE,OPTIONS",
  "access-control-allow-headers": "content-type,authorization,if-match,x-amz-date,x-amz-security-token",
  "access-control-expose-headers": "etag,location,retry-after",
  "access-control-max-age": "600",
};

function plain(response: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  response.writeHead(status, { ...CORS, "content-type": "application/json; charset=utf-8" });
  response.end(body);
}

async function handle(options: LocalServerOptions, request: IncomingMessage, response: ServerResponse) {
  const method = request.method ?? "GET";
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  if (method === "OPTIONS") {
    request.resume();
    response.writeHead(204, CORS);
    response.end();
    return;
  }
  if ((method === "GET" || method === "HEAD") && isStaticPath(path)) {
    request.resume();
    const file = staticFile(options.staticDir, path);
    if (!file) return plain(response, 404, "NotFound", `no file ${path}`);
    response.writeHead(file.status, { ...CORS, "content-type": file.contentType });
    response.end(method === "HEAD" ? undefined : file.body);
    return;
  }
  const body = await readBody(request);
  const result = await options.api(toApiGatewayEvent(request, body), localLambdaContext());
  writeApiResult(response, result as Parameters<typeof writeApiResult>[1], CORS);
}

function onRequest(options: LocalServerOptions) {
  return (request: IncomingMessage, response: ServerResponse) => {
    handle(options, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (error instanceof BodyTooLargeError) {
        response.setHeader("connection", "close");
        return plain(response, 413, "PayloadTooLarge", error.message);
      }
      plain(response, 500, "InternalError", "the local server failed; see its output");
    });
  };
}

/** Listens on host:port (port 0: any free one); rejects with the listen error (EADDRINUSE…). */
export function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer(onRequest(options));
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://${host}:${port}`, port, close: () => closeServer(server) });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
