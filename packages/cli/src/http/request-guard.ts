// The local servers answer only the pages they serve. `gantry dashboard` signs with the user's AWS credentials
// and `gantry dev`'s API changes targets, so any web page the user visits could otherwise try two things: a
// cross-site request to 127.0.0.1 (CSRF: a form POST needs no CORS preflight), and DNS rebinding (evil.example
// re-resolved to 127.0.0.1, so it becomes same-origin). Like kubectl proxy's --accept-hosts: Host must be an IP
// address or localhost (a rebinding page can only send its own name), and Origin and Sec-Fetch-Site, when the
// browser sends them, must say same-origin. No CORS headers are sent, so no other origin may read an answer.
import type { IncomingHttpHeaders } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import type { MiddlewareHandler } from "hono";
import { errorResponse } from "./error-response.ts";

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function isAddressOrLocalhost(hostname: string): boolean {
  return hostname === "localhost" || IPV4.test(hostname) || hostname.startsWith("[");
}

function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

/** Why a request must be refused, or undefined when it comes from a page this server served (or no browser). */
export function refusalOf(headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host ?? "";
  const hostname = hostnameOf(host);
  if (hostname === undefined || !isAddressOrLocalhost(hostname)) {
    return `Host "${host}" is not an IP address or localhost`;
  }
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return `cross-origin request from ${origin}`;
  const site = headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return `${site} request`;
  return undefined;
}

/** 403 Forbidden for a request that is not the served pages' own, before anything is read, signed or run. */
export function requestGuard(server: string): MiddlewareHandler<{ Bindings: HttpBindings }> {
  return async (c, next) => {
    const refusal = refusalOf(c.env.incoming.headers);
    if (!refusal) return next();
    return errorResponse(403, "Forbidden", `${server} answers only its own pages: ${refusal}`);
  };
}
