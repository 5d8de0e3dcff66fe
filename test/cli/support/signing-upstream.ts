// A fake deployed API on 127.0.0.1 that checks SigV4 as API Gateway would: it records every request with its
// exact body bytes, whether the body hash header matches those bytes (a proxy that signed one body and sent
// another fails here), and whether the signature recomputed from what arrived matches the one sent.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Credentials, signRequest } from "../../../packages/cli/src/api-client/sigv4-fetch.ts";

export const CREDENTIALS: Credentials = {
  accessKeyId: "AKIDTESTPROXY",
  secretAccessKey: "secret-that-must-not-leak",
  sessionToken: "session-token-that-must-not-leak",
};
export const REGION = "eu-west-1";

export interface ReceivedRequest {
  method: string;
  path: string;
  search: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  /** x-amz-content-sha256 equals the SHA-256 of the bytes that arrived. */
  bodyHashMatches: boolean;
  /** The Authorization header equals the signature of the request as it arrived (CREDENTIALS, REGION). */
  signatureValid: boolean;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export interface SigningUpstream {
  url: string;
  requests: ReceivedRequest[];
  /** What to answer next; default 200 `{"ok":true}`. */
  reply: (request: ReceivedRequest) => Reply;
  close: () => Promise<void>;
}

const SIGNED_HEADERS = /SignedHeaders=([^,]+)/;

async function verifySignature(request: IncomingMessage, body: Buffer): Promise<boolean> {
  const authorization = request.headers.authorization;
  const date = request.headers["x-amz-date"];
  if (typeof authorization !== "string" || typeof date !== "string") return false;
  const names = SIGNED_HEADERS.exec(authorization)?.[1]?.split(";") ?? [];
  const headers: Record<string, string> = {};
  // The signer adds host, date and the body hash itself (the hash from the bytes that arrived).
  for (const name of names) {
    if (name === "host" || name === "x-amz-date" || name === "x-amz-content-sha256") continue;
    headers[name] = String(request.headers[name] ?? "");
  }
  const signingDate = new Date(
    date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"),
  );
  const url = new URL(request.url ?? "/", `http://${request.headers.host}`);
  const expected = await signRequest(
    { method: request.method ?? "GET", url, headers, ...(body.length > 0 ? { body } : {}) },
    { credentials: CREDENTIALS, region: REGION, signingDate },
  );
  return expected.headers.authorization === authorization;
}

async function receive(request: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(request.url ?? "/", "http://upstream.invalid");
  const hash = createHash("sha256").update(body).digest("hex");
  return {
    method: request.method ?? "GET",
    path: url.pathname,
    search: url.search,
    headers: request.headers,
    body,
    bodyHashMatches: request.headers["x-amz-content-sha256"] === hash,
    signatureValid: await verifySignature(request, body),
  };
}

export async function startSigningUpstream(): Promise<SigningUpstream> {
  const upstream: SigningUpstream = {
    url: "",
    requests: [],
    reply: () => ({ status: 200, headers: { "content-type": "application/json" }, body: '{"ok":true}' }),
    close: async () => undefined,
  };
  const server: Server = createServer(async (request, response) => {
    const received = await receive(request);
    upstream.requests.push(received);
    const reply = upstream.reply(received);
    if (reply.hang) return;
    response.writeHead(reply.status, reply.headers ?? {});
    response.end(reply.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  upstream.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return upstream;
}
