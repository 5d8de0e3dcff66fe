// A log's activities (a target's or a capacity group's), newest first: what was done, from and to which
// capacity, whether it took, and why.
import type { Activity } from "./api-types.ts";
import { formatTime, zoneLabel } from "./clock.ts";
import { el } from "./dom.ts";
import { reasonList } from "./target-summary.ts";

function row(activity: Activity): HTMLTableRowElement {
  return el(
    "tr",
    { "data-testid": "activity", "data-action": activity.action },
    el("td", {}, formatTime(activity.startTime)),
    el(
      "td",
      {},
      el("strong", { class: `action ${activity.action}` }, activity.action),
      activity.dryRun && el("span", { class: "badge warn" }, "dry run"),
    ),
    el("td", { class: "num" }, `${activity.fromCapacity} → ${activity.toCapacity}`),
    el("td", {}, el("span", { class: `status ${activity.status}` }, activity.status), repeats(activity)),
    el("td", {}, message(activity.statusMessage), reasonList(activity.reasons)),
    el("td", { class: "muted" }, activity.cause),
  );
}

/** A capacity activity's message joins its parts (failure, changes, each reason) with " | ": one line each. */
function message(text: string): Node | string {
  const parts = text.split(" | ");
  if (parts.length < 2) return text;
  return el("ul", { class: "message-parts" }, ...parts.map((part) => el("li", {}, part)));
}

/** A failure repeated pass after pass is one row: how often, and when it last happened. */
function repeats(activity: Activity): HTMLElement | false {
  if (activity.count === undefined || activity.count < 2) return false;
  const last = activity.endTime === undefined ? "" : `, last ${formatTime(activity.endTime)}`;
  return el("span", { class: "muted", "data-testid": "repeats" }, ` ×${activity.count}${last}`);
}

/** `activities` newest first: a target's or a capacity group's. */
export function renderActivityLog(activities: Activity[]): HTMLElement {
  if (activities.length === 0)
    return el("p", { class: "muted", "data-testid": "activity-log" }, "No activity yet.");
  return el(
    "table",
    { "data-testid": "activity-log" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ...[`Time (${zoneLabel()})`, "Action", "Capacity", "Status", "Message and reasons", "Cause"].map(
          (h) => el("th", {}, h),
        ),
      ),
    ),
    el("tbody", {}, ...activities.map(row)),
  );
}
