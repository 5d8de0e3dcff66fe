// The dashboard's static build, as `gantry dev` and `gantry dashboard` serve it next to the API: `/`
// (index.html) and `/assets/*`. Without a build, `/` is a short page saying so.
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import type { Context } from "hono";
import { errorResponse } from "./error-response.ts";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8",
};

/** The paths of the build; every other path belongs to the API. */
export const STATIC_PATHS = ["/", "/index.html", "/assets/*"] as const;

/** No other page may frame the dashboard: its buttons send writes (clickjacking). */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
};

export interface StaticFile {
  contentType: string;
  body: Buffer;
}

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Gantry dev</title></head>
<body><h1>Gantry dev</h1>
<p>The dashboard is not built. The API is served here: see <a href="/openapi.json">/openapi.json</a>
and <a href="/targets">/targets</a>.</p></body></html>
`;

/** The file for a static path, or undefined for 404; never outside `dir`. */
export function staticFile(dir: string | undefined, path: string): StaticFile | undefined {
  const index = path === "/" || path === "/index.html";
  if (dir === undefined || !existsSync(join(dir, "index.html"))) {
    return index ? { contentType: TYPES[".html"] as string, body: Buffer.from(NOT_BUILT_PAGE) } : undefined;
  }
  let relative: string;
  try {
    relative = index ? "index.html" : decodeURIComponent(path.slice(1));
  } catch {
    return undefined;
  }
  const root = normalize(dir + sep);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return undefined;
  const contentType = TYPES[extname(file)] ?? "application/octet-stream";
  return { contentType, body: readFileSync(file) };
}

/** GET (and HEAD, which hono answers from GET without the body) of a file of the build in `dir`. */
export function serveStatic(dir: string | undefined) {
  return (c: Context) => {
    const path = new URL(c.req.url).pathname;
    const file = staticFile(dir, path);
    if (!file) return errorResponse(404, "NotFound", `no file ${path}`);
    return c.body(new Uint8Array(file.body), 200, { ...PAGE_HEADERS, "content-type": file.contentType });
  };
}
