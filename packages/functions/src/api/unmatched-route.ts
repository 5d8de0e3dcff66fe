import { GantryError } from "@gantry/core";

type RouteKey = { method: string; path: string };

/**
 * Why no route answered, which hono's router cannot tell: 404 NoSuchRoute when no path matches, else 405
 * MethodNotAllowed and the methods the path serves (for Allow).
 */
export function unmatchedRoute(
  routes: readonly RouteKey[],
  method: string,
  pathname: string,
): { error: GantryError; allow?: string } {
  const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  const segments = trimmed.split("/").slice(1);
  const methods = routes.filter((route) => matches(route.path, segments)).map((route) => route.method);
  if (methods.length === 0) {
    return { error: new GantryError("NoSuchRoute", `no route /${segments.join("/")}`, "path") };
  }
  const allow = methods.join(", ");
  return {
    error: new GantryError("MethodNotAllowed", `${method} is not allowed here; use ${allow}`, "method"),
    allow,
  };
}

function matches(template: string, segments: readonly string[]): boolean {
  const pattern = template.split("/").slice(1);
  return (
    pattern.length === segments.length &&
    pattern.every((part, i) => part.startsWith("{") || part === segments[i])
  );
}
