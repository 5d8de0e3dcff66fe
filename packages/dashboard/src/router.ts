// Hash routes: `#/` (the fleet) and `#/targets/{cluster}/{service}` (one target).

export type Route = { page: "fleet" } | { page: "target"; id: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/targets\/([^/]+)\/([^/]+)\/?$/.exec(hash);
  if (!match) return { page: "fleet" };
  const cluster = decodeURIComponent(match[1] ?? "");
  const service = decodeURIComponent(match[2] ?? "");
  return { page: "target", id: `service/${cluster}/${service}` };
}

export function targetHref(id: string): string {
  const [, cluster = "", service = ""] = id.split("/");
  return `#/targets/${encodeURIComponent(cluster)}/${encodeURIComponent(service)}`;
}
