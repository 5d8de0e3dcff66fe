// The fleet table: per target its counts (pending included), its last hour as a sparkline, bounds, policy,
// mode and last real scaling action.
import type { Activity, TargetView } from "./api-types.ts";
import { el, shortId } from "./dom.ts";
import type { Sparkline } from "./fleet-data.ts";
import { targetHref } from "./router.ts";
import { renderSparkline } from "./sparkline.ts";
import { lastAction, lastScaling, modeBadges, policySummary } from "./target-summary.ts";

const HEADINGS = [
  "Target",
  "Desired",
  "Running",
  "Pending",
  "Last hour",
  "Bounds",
  "Policy",
  "Mode",
  "Last action",
];

function sparklineCell(sparkline: Sparkline | undefined): HTMLTableCellElement {
  if (!sparkline) return el("td", { class: "muted" }, "…");
  if (sparkline.kind === "unavailable") {
    return el(
      "td",
      { class: "muted", title: sparkline.reason, "data-testid": "sparkline-unavailable" },
      "n/a",
    );
  }
  return el("td", {}, renderSparkline(sparkline.points, sparkline.from, sparkline.to));
}

function row(view: TargetView, recent: Activity[], sparkline: Sparkline | undefined): HTMLTableRowElement {
  const counts = view.counts;
  const { minCapacity, maxCapacity } = view.config.target;
  return el(
    "tr",
    { "data-testid": "target-row", "data-target-id": view.id },
    el("td", {}, el("a", { href: targetHref(view.id), "data-testid": "target-link" }, shortId(view.id))),
    el("td", { "data-testid": "desired", class: "num" }, counts?.desiredCount ?? "–"),
    el("td", { "data-testid": "running", class: "num" }, counts?.runningCount ?? "–"),
    el("td", { "data-testid": "pending", class: "num" }, counts?.pendingCount ?? "–"),
    sparklineCell(sparkline),
    el("td", { class: "num" }, `${minCapacity}–${maxCapacity}`),
    el("td", {}, policySummary(view.config.policies)),
    el("td", {}, modeBadges(view)),
    el("td", {}, lastAction(lastScaling(recent))),
  );
}

export function createFleetTable(): {
  element: HTMLTableElement;
  update(items: TargetView[], recent: Map<string, Activity[]>, sparklines: Map<string, Sparkline>): void;
} {
  const body = el("tbody");
  const element = el(
    "table",
    { "data-testid": "fleet" },
    el("thead", {}, el("tr", {}, ...HEADINGS.map((h) => el("th", {}, h)))),
    body,
  );
  return {
    element,
    update(items, recent, sparklines) {
      body.replaceChildren(...items.map((v) => row(v, recent.get(v.id) ?? [], sparklines.get(v.id))));
      if (items.length === 0) {
        body.append(el("tr", {}, el("td", { colspan: String(HEADINGS.length) }, "No targets yet.")));
      }
    },
  };
}
