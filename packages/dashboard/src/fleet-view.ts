// `#/`: every target with its desired and running counts, policy, mode and last action with its reasons, then
// the EC2 groups the second stage sizes.
import { api } from "./api.ts";
import type { TargetList, TargetView } from "./api-types.ts";
import { createCapacityPanel } from "./capacity-panel.ts";
import { el, shortId } from "./dom.ts";
import { targetHref } from "./router.ts";
import { lastAction, modeBadges, policySummary } from "./target-summary.ts";
import type { View } from "./view.ts";

const HEADINGS = ["Target", "Desired", "Running", "Bounds", "Policy", "Mode", "Last action"];

function row(view: TargetView): HTMLTableRowElement {
  const counts = view.counts;
  const { minCapacity, maxCapacity } = view.config.target;
  return el(
    "tr",
    { "data-testid": "target-row", "data-target-id": view.id },
    el("td", {}, el("a", { href: targetHref(view.id), "data-testid": "target-link" }, shortId(view.id))),
    el("td", { "data-testid": "desired", class: "num" }, counts?.desiredCount ?? "–"),
    el("td", { "data-testid": "running", class: "num" }, counts?.runningCount ?? "–"),
    el("td", { class: "num" }, `${minCapacity}–${maxCapacity}`),
    el("td", {}, policySummary(view.config.policies)),
    el("td", {}, modeBadges(view)),
    el("td", {}, lastAction(view)),
  );
}

/** Targets whose stored item no longer parses are not scaled: list them above the table. */
function showProblems(box: HTMLElement, problems: NonNullable<TargetList["problems"]>): void {
  box.hidden = problems.length === 0;
  const items = problems.map((p) => el("li", {}, `${p.id}: ${p.message}`));
  box.replaceChildren(
    el("p", {}, `${problems.length} target(s) cannot be read and are not scaled (repair: PUT or DELETE):`),
    el("ul", {}, ...items),
  );
}

export function createFleetView(): View {
  const body = el("tbody");
  const stale = el("p", { class: "warn", hidden: "" });
  const corrupt = el("div", { class: "warn", "data-testid": "corrupt-targets", hidden: "" });
  const table = el(
    "table",
    { "data-testid": "fleet" },
    el("thead", {}, el("tr", {}, ...HEADINGS.map((h) => el("th", {}, h)))),
    body,
  );
  const capacity = createCapacityPanel();
  const element = el("section", {}, el("h1", {}, "Fleet"), stale, corrupt, table, capacity.element);
  return {
    element,
    async refresh() {
      const list = await api.listTargets();
      stale.hidden = !list.stale;
      stale.textContent = list.stale ? `ECS did not answer (${list.staleReason}); showing stored counts` : "";
      showProblems(corrupt, list.problems ?? []);
      body.replaceChildren(...list.items.map(row));
      if (list.items.length === 0) body.append(el("tr", {}, el("td", { colspan: "7" }, "No targets yet.")));
      await capacity.refresh();
    },
    dispose: () => undefined,
  };
}
