// `#/`: what needs attention first (failing, not scaled, stale, at max, suspended, dry run, each with its
// reason), then every target with its counts and last hour, then the EC2 groups the second stage sizes.
import { createCapacityPanel } from "./capacity-panel.ts";
import { el } from "./dom.ts";
import { FleetLoader } from "./fleet-data.ts";
import { createFleetTable } from "./fleet-table.ts";
import { fleetIssues } from "./health.ts";
import { renderFleetHealth } from "./health-panel.ts";
import type { View } from "./view.ts";

export function createFleetView(): View {
  const loader = new FleetLoader();
  const health = el("div");
  const table = createFleetTable();
  const capacity = createCapacityPanel();
  const element = el(
    "section",
    { "data-testid": "fleet-page" },
    el("h1", {}, "Fleet"),
    health,
    el("h2", {}, "Targets"),
    table.element,
    capacity.element,
  );
  return {
    element,
    async refresh() {
      const { list, groups, recent, sparklines } = await loader.load();
      const issues = fleetIssues(list, (id) => recent.get(id)?.[0], groups);
      health.replaceChildren(renderFleetHealth(issues, list.items.length + list.problems.length));
      table.update(list.items, recent, sparklines);
      capacity.update(groups);
    },
    dispose: () => undefined,
  };
}
