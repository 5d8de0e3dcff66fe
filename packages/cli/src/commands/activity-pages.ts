// What `gantry activities` and `gantry capacity NAME` share: the page size flag, following nextCursor, and the
// readable lines of an activity.
import type { Activity } from "@gantry/core";
import { type Command, InvalidArgumentError } from "commander";
import type { ActivityPage, PageOptions } from "../api-client/api-client.ts";
import { formatTime } from "../api-client/format-view.ts";

export function parseLimit(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 200)
    throw new InvalidArgumentError("use a whole number from 1 to 200");
  return n;
}

/** The page flags both commands take; `scope` says when they apply (e.g. "with NAME: "). */
export function withPageOptions(command: Command, scope = ""): Command {
  return command
    .option("--limit <n>", `${scope}activities per page (1–200; default 50)`, parseLimit)
    .option("--all", `${scope}follow nextCursor to the oldest activity`);
}

/** The first page, or with `all` every page followed to the oldest activity. */
export async function collectActivities(
  fetchPage: (options: PageOptions) => Promise<ActivityPage>,
  options: { limit?: number; all?: boolean },
): Promise<ActivityPage> {
  const limit = options.limit === undefined ? {} : { limit: options.limit };
  let page = await fetchPage(limit);
  const items = [...page.items];
  while (options.all && page.nextCursor) {
    page = await fetchPage({ ...limit, cursor: page.nextCursor });
    items.push(...page.items);
  }
  return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
}

export function activityLines(page: ActivityPage): string[] {
  if (page.items.length === 0) return ["No activities."];
  const lines = page.items.flatMap(activityLine);
  return page.nextCursor ? [...lines, "More activities: pass --all (or a larger --limit)."] : lines;
}

export function activityLine(a: Activity): string[] {
  const dry = a.dryRun ? " (dry run)" : "";
  const repeats = repeatNote(a);
  return [
    `${formatTime(a.startTime)}  ${a.status}${repeats}  ${a.action} ${a.fromCapacity} → ${a.toCapacity}${dry}  cause: ${a.cause}`,
    `    ${a.statusMessage}`,
    ...a.reasons.map((r) => `    ${r.code}${r.policy ? ` [${r.policy}]` : ""}: ${r.message}`),
  ];
}

/** A failure repeated pass after pass is one activity: how often, and until when. */
function repeatNote(a: Activity): string {
  if (a.count === undefined || a.count < 2) return "";
  return ` ×${a.count} (last ${a.endTime === undefined ? "?" : formatTime(a.endTime)})`;
}
