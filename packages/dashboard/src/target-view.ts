// `#/targets/{cluster}/{service}`: counts, controls, the live chart with scaling events, and the activity log.

import { renderActivityLog } from "./activity-log.ts";
import { ApiRequestError, api } from "./api.ts";
import type { TargetView } from "./api-types.ts";
import { renderControls } from "./controls.ts";
import { el, shortId } from "./dom.ts";
import { createSeriesChart } from "./series-chart.ts";
import { lastAction, modeBadges, policySummary } from "./target-summary.ts";
import type { View } from "./view.ts";

function counts(view: TargetView): HTMLElement {
  const c = view.counts;
  const stat = (label: string, testId: string, value: number | undefined) =>
    el(
      "div",
      { class: "stat" },
      el("span", { class: "muted" }, label),
      el("b", { "data-testid": testId }, value ?? "–"),
    );
  const { minCapacity, maxCapacity } = view.config.target;
  return el(
    "div",
    { class: "stats" },
    stat("desired", "desired", c?.desiredCount),
    stat("running", "running", c?.runningCount),
    stat("pending", "pending", c?.pendingCount),
    el(
      "div",
      { class: "stat" },
      el("span", { class: "muted" }, "bounds"),
      el("b", {}, `${minCapacity}–${maxCapacity}`),
    ),
  );
}

export function createTargetView(id: string): View {
  const summary = el("div", { "data-testid": "target-summary" });
  const controls = el("div");
  const chart = createSeriesChart();
  const chartError = el("p", { class: "warn", hidden: "" });
  const log = el("div");
  const element = el(
    "section",
    { "data-testid": "target-page", "data-target-id": id },
    el("p", {}, el("a", { href: "#/" }, "← fleet")),
    el("h1", {}, shortId(id)),
    summary,
    controls,
    el("h2", {}, "Capacity and load"),
    chartError,
    chart.element,
    el("h2", {}, "Activity"),
    log,
  );

  const showTarget = (view: TargetView) => {
    summary.replaceChildren(
      counts(view),
      el("p", {}, policySummary(view.config.policies), " ", modeBadges(view)),
      lastAction(view),
    );
    controls.replaceChildren(
      renderControls(view, (changed) => {
        showTarget({ ...changed, counts: view.counts });
      }),
    );
  };

  return {
    element,
    async refresh() {
      const [view, activities] = await Promise.all([api.getTarget(id), api.listActivities(id)]);
      showTarget(view);
      log.replaceChildren(renderActivityLog(activities.items));
      try {
        const series = await api.getSeries(id);
        chartError.hidden = true;
        chart.update(series.points, activities.items);
      } catch (error) {
        // A missing series source (501) leaves the rest of the page working.
        chartError.hidden = false;
        chartError.textContent = error instanceof ApiRequestError ? error.describe() : String(error);
      }
    },
    dispose: () => chart.dispose(),
  };
}
