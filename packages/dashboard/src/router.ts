// Hash routes: `#/` (the fleet), `#/targets/{cluster}/{service}` (one target) and `#/capacity/{group}` (one
// EC2 capacity group).

export type Route = { page: "fleet" } | { page: "target"; id: string } | { page: "capacity"; name: string };

export function parseRoute(hash: string): Route {
  const target = /^#\/targets\/([^/]+)\/([^/]+)\/?$/.exec(hash);
  if (target) {
    const cluster = decodeURIComponent(target[1] ?? "");
    const service = decodeURIComponent(target[2] ?? "");
    return { page: "target", id: `service/${cluster}/${service}` };
  }
  const capacity = /^#\/capacity\/([^/]+)\/?$/.exec(hash);
  if (capacity) return { page: "capacity", name: decodeURIComponent(capacity[1] ?? "") };
  return { page: "fleet" };
}

export function targetHref(id: string): string {
  const [, cluster = "", service = ""] = id.split("/");
  return `#/targets/${encodeURIComponent(cluster)}/${encodeURIComponent(service)}`;
}

export function capacityHref(name: string): string {
  return `#/capacity/${encodeURIComponent(name)}`;
}

/** The page of a log's subject: a target (`service/…`) or a capacity group (`capacity/<name>`). */
export function subjectHref(subject: string): string {
  return subject.startsWith("capacity/")
    ? capacityHref(subject.slice("capacity/".length))
    : targetHref(subject);
}
