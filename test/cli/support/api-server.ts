// The API handler (over apiWorld's in-memory store and fake ECS) behind a real HTTP server on 127.0.0.1, so that
// the real `gantry` binary can talk to it. Node request → API Gateway v2 event → handler → Node response.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { type ApiWorld, apiEvent, apiWorld } from "../../api/support/api-world.ts";

export interface ApiServer {
  world: ApiWorld;
  endpoint: string;
  /** Every request the server saw: method, path and the If-Match header. */
  requests: { method: string; path: string; ifMatch: string | undefined }[];
  close(): Promise<void>;
}

export async function startApiServer(): Promise<ApiServer> {
  const world = apiWorld();
  const requests: ApiServer["requests"] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const body = await readBody(req);
    requests.push({ method: req.method ?? "GET", path: url.pathname, ifMatch: header(req, "if-match") });
    const headers = Object.fromEntries(
      Object.keys(req.headers).map((name) => [name, header(req, name) ?? ""]),
    );
    const event = apiEvent({
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.search.slice(1),
      ...(body === "" ? {} : { rawBody: body }),
      headers,
    });
    const reply = (await world.handler(event, world.context)) as APIGatewayProxyStructuredResultV2;
    res.writeHead(reply.statusCode ?? 500, reply.headers as Record<string, string>);
    res.end(reply.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { world, endpoint: `http://127.0.0.1:${port}`, requests, close: () => closeServer(server) };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
