// A small element builder and the page's status line (errors, last update).
import { ApiRequestError } from "./api.ts";
import { formatClock, zoneLabel } from "./clock.ts";

type Child = Node | string | number | null | undefined | false;

/** `el("td", { "data-testid": "desired" }, 4)`; attributes are strings, children nodes or text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Shows an API error (code, message, field) in the banner; undefined hides it. */
export function showError(error: unknown): void {
  const banner = document.querySelector<HTMLElement>("[data-testid=error]");
  if (!banner) return;
  if (error === undefined) {
    banner.hidden = true;
    banner.textContent = "";
    return;
  }
  banner.hidden = false;
  banner.textContent = describeError(error);
}

/** One line for an error: an API error's code, message and field, else its text. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError) return error.describe();
  return error instanceof Error ? error.message : String(error);
}

/** The header's "updated" note, in the page's one clock (the browser's time of the last good refresh). */
export function markUpdated(): void {
  const updated = document.querySelector("[data-testid=updated]");
  if (updated) updated.textContent = `updated ${formatClock(Date.now())} ${zoneLabel()}`;
}

/** `service/demo/web` → `demo/web`. */
export function shortId(id: string): string {
  return id.split("/").slice(1).join("/");
}
