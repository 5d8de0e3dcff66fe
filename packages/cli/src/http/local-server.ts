// `gantry dev`'s and `gantry dashboard`'s HTTP server: a hono app's fetch under @hono/node-server, on
// host:port, closed with its open connections.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

export interface LocalServerOptions {
  /** A hono app's `fetch`. */
  fetch: Parameters<typeof serve>[0]["fetch"];
  /** 0: any free port. */
  port: number;
  host: string;
}

export interface LocalServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/** `http://host:port`, with IPv6 addresses in brackets. */
function urlOf(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** Listens on host:port; rejects with the listen error (EADDRINUSE, EADDRNOTAVAIL, ENOTFOUND…). */
export function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  return new Promise((resolve, reject) => {
    const { fetch, port, host } = options;
    const server = serve({ fetch, port, hostname: host }, (info) => {
      server.off("error", reject);
      const bound = (info as AddressInfo).port;
      resolve({ url: urlOf(host, bound), port: bound, close: () => closeServer(server as Server) });
    });
    server.once("error", reject);
    // A request Node cannot parse gets a plain 400 rather than a dropped connection.
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
