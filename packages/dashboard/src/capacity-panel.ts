// Under the fleet: the EC2 groups Gantry's second stage sizes, one row each with its services and its last
// change, linked to the group's page. Hidden when no target has a capacity block (a Fargate fleet).
import type { Activity, CapacityGroup } from "./api-types.ts";
import { formatTime } from "./clock.ts";
import { el, shortId } from "./dom.ts";
import { capacityHref, targetHref } from "./router.ts";

const HEADINGS = ["Group", "Mode", "Services", "Instances", "Last change", "When", "Status"];

const MODES: Record<CapacityGroup["mode"], string> = {
  asg: "Auto Scaling group",
  capacityProvider: "capacity provider",
};

function statusCell(activity: Activity): HTMLTableCellElement {
  return el("td", {}, el("span", { class: `status ${activity.status}` }, activity.status));
}

function row(group: CapacityGroup): HTMLTableRowElement {
  const a = group.lastActivity;
  const services = group.targetIds.flatMap((id, i) => [
    i > 0 ? ", " : "",
    el("a", { href: targetHref(id) }, shortId(id)),
  ]);
  const change = a
    ? [
        el("td", { class: "num" }, a.toCapacity),
        el(
          "td",
          {},
          el("strong", { class: `action ${a.action}` }, a.action),
          ` ${a.fromCapacity} → ${a.toCapacity}`,
        ),
        el("td", { class: "num" }, formatTime(a.startTime)),
        statusCell(a),
      ]
    : [el("td", { class: "num" }, "–"), el("td", { class: "muted", colspan: "3" }, "no change yet")];
  return el(
    "tr",
    { "data-testid": "capacity-row", "data-group": group.name },
    el("td", {}, el("a", { href: capacityHref(group.name), "data-testid": "capacity-link" }, group.name)),
    el("td", {}, MODES[group.mode]),
    el("td", {}, ...services),
    ...change,
  );
}

export function createCapacityPanel(): { element: HTMLElement; update(groups: CapacityGroup[]): void } {
  const body = el("tbody");
  const element = el(
    "section",
    { hidden: "", "data-testid": "capacity" },
    el("h2", {}, "EC2 capacity"),
    el(
      "p",
      { class: "muted" },
      "Usable instances after each group's last change; the group's page has its history and reasons.",
    ),
    el("table", {}, el("thead", {}, el("tr", {}, ...HEADINGS.map((h) => el("th", {}, h)))), body),
  );
  return {
    element,
    update(groups) {
      element.hidden = groups.length === 0;
      body.replaceChildren(...groups.map(row));
    },
  };
}
