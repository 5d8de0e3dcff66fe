// The target's activities, newest first: what was done, from and to which capacity, and why.
import type { Activity } from "./api-types.ts";
import { el, formatTime } from "./dom.ts";
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
    el("td", {}, activity.status, repeats(activity)),
    el("td", {}, activity.statusMessage, reasonList(activity.reasons)),
    el("td", { class: "muted" }, activity.cause),
  );
}

/** A failure repeated pass after pass is one row: how often, and when it last happened. */
function repeats(activity: Activity): HTMLElement | false {
  if (activity.count === undefined || activity.count < 2) return false;
  const last = activity.endTime === undefined ? "" : `, last ${formatTime(activity.endTime)}`;
  return el("span", { class: "muted", "data-testid": "repeats" }, ` ×${activity.count}${last}`);
}

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
        ...["Time", "Action", "Capacity", "Status", "Message and reasons", "Cause"].map((h) =>
          el("th", {}, h),
        ),
      ),
    ),
    el("tbody", {}, ...activities.map(row)),
  );
}
