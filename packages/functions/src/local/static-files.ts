// The dashboard's static build served next to the API: `/` (index.html) and `/assets/*`. Without a build, `/`
// is a short page saying so.
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

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

export interface StaticFile {
  status: number;
  contentType: string;
  body: Buffer;
}

/** Whether `path` belongs to the dashboard rather than the API. */
export function isStaticPath(path: string): boolean {
  return path === "/" || path === "/index.html" || path.startsWith("/assets/");
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
    return index
      ? { status: 200, contentType: TYPES[".html"] as string, body: Buffer.from(NOT_BUILT_PAGE) }
      : undefined;
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
  return { status: 200, contentType, body: readFileSync(file) };
}
