// `#/capacity/{group}`: one EC2 group the second stage sizes: its instances over the chosen range, the services
// on it with their counts, and its activity history with each change's parts and reasons.
import { ActivityHistory, PAGE_LIMIT } from "./activity-history.ts";
import { renderActivityLog } from "./activity-log.ts";
import { api } from "./api.ts";
import { apiNow } from "./api-now.ts";
import type { CapacityGroup, TargetView } from "./api-types.ts";
import { capacityOption } from "./capacity-option.ts";
import { createChart } from "./chart.ts";
import { el, shortId, showError } from "./dom.ts";
import { targetHref } from "./router.ts";
import { modeBadges } from "./target-summary.ts";
import { type RangeKey, rangeMs, renderRangeControl, storedRange } from "./time-range.ts";
import type { View } from "./view.ts";

const LOG_ROWS = 100;
const MODES: Record<CapacityGroup["mode"], string> = {
  asg: "EC2 Auto Scaling group",
  capacityProvider: "ECS capacity provider",
};

function servicesTable(views: TargetView[]): HTMLElement {
  const cells = (v: TargetView) => [v.counts?.desiredCount, v.counts?.runningCount, v.counts?.pendingCount];
  return el(
    "table",
    { "data-testid": "capacity-services" },
    el(
      "thead",
      {},
      el("tr", {}, ...["Service", "Desired", "Running", "Pending", "Mode"].map((h) => el("th", {}, h))),
    ),
    el(
      "tbody",
      {},
      ...views.map((v) =>
        el(
          "tr",
          { "data-target-id": v.id },
          el("td", {}, el("a", { href: targetHref(v.id) }, shortId(v.id))),
          ...cells(v).map((n) => el("td", { class: "num" }, n ?? "–")),
          el("td", {}, modeBadges(v)),
        ),
      ),
    ),
  );
}

export function createCapacityView(name: string): View {
  const history = new ActivityHistory((cursor) => api.listCapacityActivities(name, PAGE_LIMIT, cursor));
  const chart = createChart("capacity-chart", "chart short");
  const heading = el("p", { class: "muted" });
  const note = el("p", { class: "muted", "data-testid": "capacity-note" });
  const services = el("div");
  const log = el("div");
  let range: RangeKey = storedRange();
  let reset = true;

  const refresh = async () => {
    const asked = range;
    const [groups, list] = await Promise.all([api.listCapacity(), api.listTargets()]);
    const group = groups.items.find((g) => g.name === name);
    if (!group) throw new Error(`no target's capacity block names ${name}`);
    const views = list.items.filter((v) => group.targetIds.includes(v.id));
    heading.textContent = `${MODES[group.mode]} · ${group.targetIds.length} service(s)`;
    const to = views.length > 0 ? Math.max(...views.map(apiNow)) : Date.now();
    const from = to - rangeMs(asked);
    const [loaded, series] = await Promise.all([
      history.load(from),
      api.getCapacitySeries(name, { from, to }),
    ]);
    if (asked !== range) return;
    services.replaceChildren(servicesTable(views));
    chart.show((zoom) => capacityOption(series, loaded.items, zoom), reset);
    const sampled = series.points.some((p) => p.desired !== null);
    Object.assign(chart.element.dataset, {
      range: asked,
      activities: String(loaded.items.length),
      points: String(series.points.length),
    });
    reset = false;
    note.textContent = sampled
      ? "The group's instances as each pass saw them; dashed lines mark the changes Gantry made."
      : "No sample of this group yet: the capacity stage records one each pass.";
    log.replaceChildren(renderActivityLog(loaded.items.slice(0, LOG_ROWS)));
  };
  const control = renderRangeControl(range, (key) => {
    range = key;
    reset = true;
    refresh().catch(showError);
  });
  const element = el(
    "section",
    { "data-testid": "capacity-page", "data-group": name },
    el("p", {}, el("a", { href: "#/" }, "← fleet")),
    el("h1", {}, name),
    heading,
    el("div", { class: "section-head" }, el("h2", {}, "Instances"), control),
    chart.element,
    note,
    el("h2", {}, "Services on it"),
    services,
    el("h2", {}, "Activity"),
    log,
  );
  return { element, refresh, dispose: () => chart.dispose() };
}
