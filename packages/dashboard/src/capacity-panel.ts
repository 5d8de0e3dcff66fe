// Under the fleet: the EC2 groups Gantry's second stage sizes, each with its services and last change. Hidden
// when no target has a capacity block (a Fargate fleet).
import { api } from "./api.ts";
import type { CapacityGroup } from "./api-types.ts";
import { el, formatTime, shortId } from "./dom.ts";

const HEADINGS = ["Group", "Mode", "Services", "Last change"];

function lastChange(group: CapacityGroup): string {
  const a = group.lastActivity;
  if (!a) return "none yet";
  return `${formatTime(a.startTime)} ${a.action} ${a.fromCapacity} → ${a.toCapacity} instances: ${a.statusMessage}`;
}

function row(group: CapacityGroup): HTMLTableRowElement {
  return el(
    "tr",
    { "data-testid": "capacity-row" },
    el("td", {}, group.name),
    el("td", {}, group.mode),
    el("td", {}, group.targetIds.map(shortId).join(", ")),
    el("td", { class: "reasons" }, lastChange(group)),
  );
}

export function createCapacityPanel(): { element: HTMLElement; refresh(): Promise<void> } {
  const body = el("tbody");
  const element = el(
    "section",
    { hidden: "", "data-testid": "capacity" },
    el("h2", {}, "EC2 capacity"),
    el("table", {}, el("thead", {}, el("tr", {}, ...HEADINGS.map((h) => el("th", {}, h)))), body),
  );
  return {
    element,
    async refresh() {
      // An API without the route (older than the panel) hides it rather than failing the fleet view.
      const items = await api.listCapacity().then(
        (list) => list.items,
        () => [],
      );
      element.hidden = items.length === 0;
      body.replaceChildren(...items.map(row));
    },
  };
}
