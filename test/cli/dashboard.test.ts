// `gantry dashboard`: the proxy in-process against a fake deployed API that checks SigV4 (signing forced on
// for its loopback address, with injected credentials), against the real API handler (loopback, unsigned),
// and the binary for what fails before it listens.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CredentialsProvider } from "../../packages/cli/src/api-client/sigv4-fetch.ts";
import { CliError } from "../../packages/cli/src/cli-error.ts";
import { type RunningDashboard, startDashboard } from "../../packages/cli/src/dashboard/start-dashboard.ts";
import { type ApiServer, startApiServer } from "./support/api-server.ts";
import {
  CREDENTIALS,
  REGION,
  type Reply,
  type SigningUpstream,
  startSigningUpstream,
} from "./support/signing-upstream.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const gantry = join(root, "node_modules/.bin/gantry");
const INDEX = "<!doctype html><title>Gantry test build</title>";

function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), "gantry-dashboard-build-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), INDEX);
  writeFileSync(join(dir, "assets/app.js"), "console.log('dashboard');\n");
  return dir;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A raw request, so that Host and Origin can be set as a hostile page's browser would. */
function rawRequest(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end('{"dynamicScalingIn":true}');
  });
}

/** The `{error}` of an error answer. */
async function errorOf(response: Response): Promise<{ code: string; message: string; field: string | null }> {
  return ((await response.json()) as { error: { code: string; message: string; field: string | null } })
    .error;
}

const staticDir = fakeBuild();

describe("gantry dashboard against a deployed API (SigV4)", () => {
  let upstream: SigningUpstream;
  let dashboard: RunningDashboard;
  let reports: string[];
  let credentials: CredentialsProvider;

  const start = (endpoint: string, extra: { timeoutMs?: number } = {}) =>
    startDashboard({
      endpoint,
      region: REGION,
      port: 0,
      host: "127.0.0.1",
      staticDir,
      credentials: () => credentials(),
      sign: true,
      report: (line) => reports.push(line),
      ...extra,
    });

  beforeEach(async () => {
    reports = [];
    credentials = async () => CREDENTIALS;
    upstream = await startSigningUpstream();
    dashboard = await start(upstream.url);
  });
  afterEach(async () => {
    await dashboard.close();
    await upstream.close();
  });

  it("serves the build at / and /assets/*, framing refused, without calling the API", async () => {
    const index = await fetch(`${dashboard.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(index.headers.get("x-frame-options")).toBe("DENY");
    expect(await index.text()).toBe(INDEX);
    const script = await fetch(`${dashboard.url}/assets/app.js`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const missing = await fetch(`${dashboard.url}/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe("NotFound");
    expect(upstream.requests).toEqual([]);
  });

  it("signs a GET (path and query kept) and passes back status, body and ETag, never the credentials", async () => {
    upstream.reply = () => ({
      status: 200,
      headers: { "content-type": "application/json", etag: '"7"', "x-amzn-remapped-x": "internal" },
      body: '{"id":"service/prod/worker","version":7}',
    });
    const response = await fetch(`${dashboard.url}/targets/prod/worker/activities?limit=5`, {
      headers: { accept: "application/json", cookie: "session=browser" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe('"7"');
    expect(response.headers.get("x-amzn-remapped-x")).toBeNull();
    expect(await response.text()).toBe('{"id":"service/prod/worker","version":7}');
    const [received] = upstream.requests;
    expect(received).toMatchObject({
      method: "GET",
      path: "/targets/prod/worker/activities",
      search: "?limit=5",
    });
    expect(received?.signatureValid).toBe(true);
    expect(received?.bodyHashMatches).toBe(true);
    expect(received?.headers.authorization).toMatch(`Credential=${CREDENTIALS.accessKeyId}/`);
    expect(received?.headers["x-amz-security-token"]).toBe(CREDENTIALS.sessionToken);
    expect(received?.headers.cookie).toBeUndefined();
    for (const name of response.headers.keys()) expect(name).not.toMatch(/^(authorization|x-amz-)/);
  });

  it("forwards PUT, POST and DELETE bodies byte-exact, each signed with the hash of what arrived", async () => {
    upstream.reply = (r) =>
      r.method === "DELETE"
        ? { status: 204 }
        : { status: 200, headers: { "content-type": "application/json", etag: '"2"' }, body: "{}" };
    const json = Buffer.from('{"dryRun":true,"note":"größer — 🚀"}');
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x7b]);
    const put = await fetch(`${dashboard.url}/targets/prod/worker/dry-run`, {
      method: "PUT",
      headers: { "content-type": "application/json", "if-match": '"1"' },
      body: json,
    });
    expect([put.status, put.headers.get("etag")]).toEqual([200, '"2"']);
    const post = await fetch(`${dashboard.url}/targets/prod/worker/simulate`, {
      method: "POST",
      body: bytes,
    });
    expect(post.status).toBe(200);
    const del = await fetch(`${dashboard.url}/targets/prod/worker`, {
      method: "DELETE",
      headers: { "if-match": '"2"' },
    });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe("");
    const [sentPut, sentPost, sentDelete] = upstream.requests;
    expect(sentPut?.body.equals(json)).toBe(true);
    expect(sentPut?.headers["if-match"]).toBe('"1"');
    expect(sentPost?.body.equals(bytes)).toBe(true);
    expect(sentDelete?.body.length).toBe(0);
    for (const sent of upstream.requests) {
      expect(sent.bodyHashMatches, sent.method).toBe(true);
      expect(sent.signatureValid, sent.method).toBe(true);
    }
  });

  it("passes the API's own errors through and reshapes API Gateway's into {error:{code,message,field}}", async () => {
    const conflict = '{"error":{"code":"Conflict","message":"version 3 is current","field":"if-match"}}';
    upstream.reply = (r): Reply =>
      r.path === "/targets/prod/a"
        ? { status: 409, headers: { "content-type": "application/json" }, body: conflict }
        : {
            status: 403,
            headers: { "content-type": "application/json", "apigw-requestid": "abc=" },
            body: '{"Message":"User: arn:aws:iam::123456789012:user/x is not authorized to perform: execute-api:Invoke"}',
          };
    const passed = await fetch(`${dashboard.url}/targets/prod/a`);
    expect([passed.status, await passed.text()]).toEqual([409, conflict]);
    const denied = await fetch(`${dashboard.url}/targets/prod/b`);
    expect(denied.status).toBe(403);
    expect(denied.headers.get("apigw-requestid")).toBe("abc=");
    const error = await errorOf(denied);
    expect(error).toEqual({
      code: "Forbidden",
      message: expect.stringContaining(
        `${upstream.url} answered 403: User: arn:aws:iam::123456789012:user/x`,
      ),
      field: null,
    });
  });

  it("answers 502 UpstreamUnreachable when the API is down and 504 UpstreamTimeout when it hangs", async () => {
    const down = await start(`http://127.0.0.1:${await closedPort()}`);
    try {
      const response = await fetch(`${down.url}/targets`);
      expect(response.status).toBe(502);
      const error = await errorOf(response);
      expect(error).toEqual({
        code: "UpstreamUnreachable",
        message: expect.stringMatching(/^cannot reach /),
        field: null,
      });
      expect(reports).toEqual([`GET /targets: UpstreamUnreachable: ${error.message}`]);
    } finally {
      await down.close();
    }
    const slow = await start(upstream.url, { timeoutMs: 200 });
    upstream.reply = () => ({ status: 200, hang: true });
    try {
      const response = await fetch(`${slow.url}/targets`);
      expect(response.status).toBe(504);
      expect((await errorOf(response)).code).toBe("UpstreamTimeout");
    } finally {
      await slow.close();
    }
  });

  it("fails to start without credentials, and answers 502 NoCredentials when they go missing", async () => {
    const missing = () => Promise.reject(new Error("Could not load credentials from any providers"));
    const refused = startDashboard({
      endpoint: upstream.url,
      region: REGION,
      port: 0,
      host: "127.0.0.1",
      staticDir,
      credentials: missing,
      sign: true,
    });
    const message = `no AWS credentials to sign requests to ${upstream.url}: Could not load credentials from any providers`;
    await expect(refused).rejects.toEqual(new CliError(message, 1));
    credentials = missing;
    const response = await fetch(`${dashboard.url}/targets`);
    expect(response.status).toBe(502);
    expect(await errorOf(response)).toEqual({ code: "NoCredentials", message, field: null });
    expect(upstream.requests).toEqual([]);
  });

  it("refuses cross-origin requests and DNS-rebound hosts without signing them", async () => {
    const url = `${dashboard.url}/targets/prod/worker/suspend`;
    const own = new URL(dashboard.url).host;
    const attempts: Record<string, string>[] = [
      { host: own, origin: "http://evil.example", "content-type": "text/plain" },
      { host: `evil.example:${dashboard.port}`, "content-type": "application/json" },
      { host: own, "sec-fetch-site": "cross-site", "content-type": "text/plain" },
    ];
    for (const headers of attempts) {
      const { status, body } = await rawRequest(url, headers);
      expect(status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(body).error.code).toBe("Forbidden");
    }
    const same = await rawRequest(url, {
      host: own,
      origin: `http://${own}`,
      "content-type": "application/json",
    });
    expect(same.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });

  it("refuses a body over the local server's limit with 413, forwarding nothing", async () => {
    const response = await fetch(`${dashboard.url}/targets/prod/worker`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: Buffer.alloc(400 * 1024, 0x20),
    });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("PayloadTooLarge");
    expect(upstream.requests).toEqual([]);
  });

  it("exits 2 when the port is taken", async () => {
    const taken = startDashboard({
      endpoint: upstream.url,
      port: dashboard.port,
      host: "127.0.0.1",
      staticDir,
    });
    await expect(taken).rejects.toEqual(
      new CliError(`port ${dashboard.port} is in use; choose another with --port`, 2),
    );
  });
});

describe("gantry dashboard against the local API (loopback: unsigned)", () => {
  let api: ApiServer;
  let dashboard: RunningDashboard;

  beforeEach(async () => {
    api = await startApiServer();
    dashboard = await startDashboard({ endpoint: api.endpoint, port: 0, host: "127.0.0.1", staticDir });
  });
  afterEach(async () => {
    await dashboard.close();
    await api.close();
  });

  it("creates, reads and deletes a target through the proxy with the API's statuses and ETags", async () => {
    expect(dashboard.signed).toBe(false);
    const config = { target: { id: "service/prod/worker", minCapacity: 1, maxCapacity: 20 } };
    const put = await fetch(`${dashboard.url}/targets/prod/worker`, {
      method: "PUT",
      headers: { "content-type": "application/json", "if-match": '"0"' },
      body: JSON.stringify(config),
    });
    expect(put.status).toBe(201);
    const get = await fetch(`${dashboard.url}/targets/prod/worker`);
    expect(get.status).toBe(200);
    const { version } = (await get.json()) as { version: number };
    expect(get.headers.get("etag")).toBe(`"${version}"`);
    const stale = await fetch(`${dashboard.url}/targets/prod/worker`, {
      method: "DELETE",
      headers: { "if-match": '"99"' },
    });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe("Conflict");
    const del = await fetch(`${dashboard.url}/targets/prod/worker`, {
      method: "DELETE",
      headers: { "if-match": `"${version}"` },
    });
    expect(del.status).toBe(204);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /targets/prod/worker",
      "GET /targets/prod/worker",
      "DELETE /targets/prod/worker",
      "DELETE /targets/prod/worker",
    ]);
  });

  it("sends no signature to a loopback endpoint", async () => {
    const upstream = await startSigningUpstream();
    const local = await startDashboard({ endpoint: upstream.url, port: 0, host: "127.0.0.1", staticDir });
    try {
      expect((await fetch(`${local.url}/targets`)).status).toBe(200);
      expect(upstream.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await local.close();
      await upstream.close();
    }
  });
});

describe("gantry dashboard (the binary)", () => {
  function run(args: string[], env: Record<string, string | undefined> = {}) {
    return new Promise<{ code: number; stderr: string }>((resolve) => {
      const childEnv = { ...process.env, AWS_EC2_METADATA_DISABLED: "true", GANTRY_ENDPOINT: "", ...env };
      execFile(
        gantry,
        ["dashboard", "--no-open", ...args],
        { cwd: root, env: childEnv },
        (error, _out, stderr) => {
          resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stderr });
        },
      );
    });
  }

  it("exits 2 with one line naming --endpoint for a bad URL", async () => {
    for (const [endpoint, message] of [
      ["not a url", "gantry: --endpoint: not a URL: not a url\n"],
      ["ftp://x.example", "gantry: --endpoint: use an http:// or https:// URL, got ftp://x.example\n"],
    ]) {
      expect(await run(["--endpoint", endpoint as string])).toEqual({ code: 2, stderr: message });
    }
  });

  it("exits 1 with the CLI's message when there are no AWS credentials", async () => {
    const none = {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
      AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
      AWS_CONFIG_FILE: join(staticDir, "no-config"),
      AWS_SHARED_CREDENTIALS_FILE: join(staticDir, "no-credentials"),
    };
    const endpoint = "https://abc123.execute-api.eu-west-1.amazonaws.com";
    const { code, stderr } = await run(["--endpoint", endpoint], none);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^gantry: no AWS credentials to sign requests to ${endpoint}: .+\\n$`));
  });
});
