// Mounts the page for the current hash route and refreshes it every 5 s; API errors go to the banner. A change
// of time zone redraws the page, so every time on it is in the new zone.
import { apiBase } from "./api.ts";
import { createCapacityView } from "./capacity-view.ts";
import { onZoneChange } from "./clock.ts";
import { markUpdated, showError } from "./dom.ts";
import { createFleetView } from "./fleet-view.ts";
import { parseRoute } from "./router.ts";
import { createTargetView } from "./target-view.ts";
import type { View } from "./view.ts";
import { renderZoneControl } from "./zone-control.ts";

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

function createView(): View {
  const route = parseRoute(window.location.hash);
  if (route.page === "target") return createTargetView(route.id);
  if (route.page === "capacity") return createCapacityView(route.name);
  return createFleetView();
}

function mount(): void {
  const app = document.getElementById("app");
  if (!app) return;
  current?.dispose();
  const view = createView();
  current = view;
  generation += 1;
  app.replaceChildren(view.element);
  void refresh(view, generation);
}

function start(): void {
  const base = document.querySelector("[data-testid=api-base]");
  if (base) base.textContent = `API ${apiBase()}`;
  document.querySelector("[data-testid=zone]")?.replaceWith(renderZoneControl());
  window.addEventListener("hashchange", mount);
  onZoneChange(mount);
  mount();
  setInterval(() => {
    if (current) void refresh(current, generation);
  }, POLL_MS);
}

start();
