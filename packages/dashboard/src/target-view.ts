// `#/targets/{cluster}/{service}`: what is wrong with the target first (failing, stale, at max, …, each with its
// reason), then counts, latest decision, controls, the chart over the chosen range, and the activity log.
import { renderActivityLog } from "./activity-log.ts";
import { api } from "./api.ts";
import type { Activity, TargetView } from "./api-types.ts";
import { renderControls } from "./controls.ts";
import { el, shortId } from "./dom.ts";
import { targetIssues } from "./health.ts";
import { renderTargetHealth } from "./health-panel.ts";
import { createTargetChart } from "./target-chart.ts";
import { latestDecision, modeBadges, policySummary } from "./target-summary.ts";
import type { View } from "./view.ts";

/** The log shows the newest of the range's activities; the chart marks them all. */
const LOG_ROWS = 50;

function counts(view: TargetView): HTMLElement {
  const c = view.counts;
  const stat = (label: string, testId: string, value: number | string | undefined) =>
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
    stat("bounds", "bounds", `${minCapacity}–${maxCapacity}`),
  );
}

export function createTargetView(id: string): View {
  const health = el("div");
  const summary = el("div", { "data-testid": "target-summary" });
  const controls = el("div");
  const log = el("div");
  /** The newest activity: whether the target is failing, and why. */
  let newest: Activity | undefined;
  const refresh = async () => {
    const view = await api.getTarget(id);
    const loaded = await chart.refresh(view);
    newest = loaded.items[0];
    showTarget(view);
    log.replaceChildren(renderActivityLog(loaded.items.slice(0, LOG_ROWS)));
  };
  const chart = createTargetChart(id, refresh);
  const element = el(
    "section",
    { "data-testid": "target-page", "data-target-id": id },
    el("p", {}, el("a", { href: "#/" }, "← fleet")),
    el("h1", {}, shortId(id)),
    health,
    summary,
    controls,
    chart.element,
    el("h2", {}, "Activity"),
    log,
  );

  const showTarget = (view: TargetView) => {
    health.replaceChildren(renderTargetHealth(targetIssues(view, newest)));
    summary.replaceChildren(
      counts(view),
      el("p", {}, policySummary(view.config.policies), " ", modeBadges(view)),
      latestDecision(view),
    );
    controls.replaceChildren(
      renderControls(view, (changed) => {
        showTarget({ ...changed, counts: view.counts });
      }),
    );
  };

  return { element, refresh, dispose: () => chart.dispose() };
}
