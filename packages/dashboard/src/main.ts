// Mounts the page for the current hash route and refreshes it every 5 s; API errors go to the banner.
import { apiBase } from "./api.ts";
import { markUpdated, showError } from "./dom.ts";
import { createFleetView } from "./fleet-view.ts";
import { parseRoute } from "./router.ts";
import { createTargetView } from "./target-view.ts";
import type { View } from "./view.ts";

const POLL_MS = 5_000;
let current: View | undefined;
/** Bumped per route, so that a slow refresh of a page left behind does nothing. */
let generation = 0;

async function refresh(view: View, gen: number): Promise<void> {
  try {
    await view.refresh();
    if (gen !== generation) return;
    showError(undefined);
    markUpdated();
  } catch (error) {
    if (gen === generation) showError(error);
  }
}

function mount(): void {
  const app = document.getElementById("app");
  if (!app) return;
  current?.dispose();
  const route = parseRoute(window.location.hash);
  const view = route.page === "target" ? createTargetView(route.id) : createFleetView();
  current = view;
  generation += 1;
  app.replaceChildren(view.element);
  void refresh(view, generation);
}

function start(): void {
  const base = document.querySelector("[data-testid=api-base]");
  if (base) base.textContent = `API ${apiBase()}`;
  window.addEventListener("hashchange", mount);
  mount();
  setInterval(() => {
    if (current) void refresh(current, generation);
  }, POLL_MS);
}

start();
