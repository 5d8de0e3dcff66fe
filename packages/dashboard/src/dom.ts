// A small element builder and the page's status line (errors, last update).
import { ApiRequestError } from "./api.ts";

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
  banner.textContent = error instanceof ApiRequestError ? error.describe() : String(error);
}

export function markUpdated(): void {
  const updated = document.querySelector("[data-testid=updated]");
  if (updated) updated.textContent = `updated ${new Date().toLocaleTimeString()}`;
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

/** `service/demo/web` → `demo/web`. */
export function shortId(id: string): string {
  return id.split("/").slice(1).join("/");
}
