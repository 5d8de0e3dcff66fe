// What the fleet page reads: the targets, the capacity groups, each target's newest activities (its health and
// last real action) and its last hour of desired and running tasks. Activities are fetched again when the
// target's item was written since (a change is recorded with a state write) or every 30 s of the API's clock
// (a failure may be recorded without one); sparklines once the API's clock has moved a minute.
import { api } from "./api.ts";
import { apiNow } from "./api-now.ts";
import type { Activity, CapacityGroup, SeriesPoint, TargetList, TargetView } from "./api-types.ts";
import { describeError } from "./dom.ts";

/** Enough to find the last scale-out or scale-in past a run of failures. */
const RECENT_ACTIVITIES = 25;
const HOUR_MS = 3_600_000;
/** Each sparkline is a series query: they refresh less often than the page. */
const SPARKLINE_EVERY_MS = 60_000;
/** Activities of a target whose item was not written since are fetched again this often (API time). */
const ACTIVITIES_EVERY_MS = 30_000;

export type Sparkline =
  | { kind: "ok"; points: SeriesPoint[]; from: number; to: number }
  | { kind: "unavailable"; reason: string };

export interface FleetData {
  list: TargetList;
  groups: CapacityGroup[];
  /** Each target's newest activities, newest first. */
  recent: Map<string, Activity[]>;
  sparklines: Map<string, Sparkline>;
}

/** What changes when a target's item is written: its update time and its last decision's. */
function stampOf(view: TargetView): string {
  return `${view.updatedAt}:${view.lastDecision?.at ?? ""}`;
}

/** The last hour: the API's default window ends at its own clock's now, whatever the browser's says. */
async function lastHour(id: string): Promise<Sparkline> {
  try {
    const series = await api.getSeries(id);
    return { kind: "ok", points: series.points, from: series.to - HOUR_MS, to: series.to };
  } catch (error) {
    return { kind: "unavailable", reason: describeError(error) };
  }
}

export class FleetLoader {
  /** By target: the sparkline and the API's time it was fetched at. */
  readonly #sparklines = new Map<string, { at: number; value: Sparkline }>();
  /** By target: its newest activities, the item write they were fetched after, and the API's time then. */
  readonly #activities = new Map<string, { stamp: string; at: number; items: Activity[] }>();

  async load(): Promise<FleetData> {
    const [list, groups] = await Promise.all([
      api.listTargets(),
      // An API without the capacity route (older than the panel) hides it rather than failing the page.
      api.listCapacity().then(
        (answer) => answer.items,
        () => [],
      ),
    ]);
    const ids = list.items.map((v) => v.id);
    const [recent] = await Promise.all([this.#recent(list.items), this.#refreshSparklines(list.items)]);
    const sparklines = new Map(ids.flatMap((id) => this.#sparkline(id)));
    return { list, groups, recent, sparklines };
  }

  async #recent(views: TargetView[]): Promise<Map<string, Activity[]>> {
    const due = views.filter((v) => {
      const cached = this.#activities.get(v.id);
      return cached?.stamp !== stampOf(v) || apiNow(v) - cached.at >= ACTIVITIES_EVERY_MS;
    });
    const pages = await Promise.all(due.map((v) => api.listActivities(v.id, RECENT_ACTIVITIES)));
    due.forEach((view, i) => {
      this.#activities.set(view.id, { stamp: stampOf(view), at: apiNow(view), items: pages[i]?.items ?? [] });
    });
    return new Map(views.map((v) => [v.id, this.#activities.get(v.id)?.items ?? []]));
  }

  async #refreshSparklines(views: TargetView[]): Promise<void> {
    const due = views.filter((v) => apiNow(v) - (this.#sparklines.get(v.id)?.at ?? 0) >= SPARKLINE_EVERY_MS);
    const values = await Promise.all(due.map((v) => lastHour(v.id)));
    due.forEach((view, i) => {
      const value = values[i];
      if (value) this.#sparklines.set(view.id, { at: value.kind === "ok" ? value.to : apiNow(view), value });
    });
  }

  #sparkline(id: string): [string, Sparkline][] {
    const cached = this.#sparklines.get(id);
    return cached ? [[id, cached.value]] : [];
  }
}
