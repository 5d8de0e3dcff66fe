// A log's activities over the chart's whole range, not just its newest page: the activities route is paged
// newest first, so the first load pages back to the range's start; later refreshes fetch only the newest pages,
// until they meet what is already loaded (ids sort by start time), and keep the older ones.
import type { Activity, ActivityPage } from "./api-types.ts";

/** The route's largest page. */
export const PAGE_LIMIT = 200;
/** At most this many pages per load (10,000 activities), so a noisy week cannot hang the page. */
export const MAX_PAGES = 50;

export type FetchPage = (cursor: string | undefined) => Promise<ActivityPage>;

export interface Loaded {
  /** Newest first; always the newest page, then back to the range's start. */
  items: Activity[];
  /** The start of the oldest activity loaded when the page cap cut the range short, else undefined. */
  truncatedAt?: number;
}

/** Pages back from the newest until `from`, or until an activity of `known` (newest first) is met. */
export async function loadActivities(
  fetchPage: FetchPage,
  from: number,
  known: Activity[] = [],
): Promise<Loaded> {
  const newestKnown = known[0]?.activityId;
  const fresh: Activity[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(cursor);
    fresh.push(...result.items);
    cursor = result.nextCursor;
    const oldest = result.items.at(-1);
    if (cursor === undefined || oldest === undefined) return { items: fresh }; // the whole log
    if (newestKnown !== undefined && oldest.activityId <= newestKnown) return { items: merge(fresh, known) };
    if (oldest.startTime < from) return { items: fresh };
  }
  return { items: fresh, truncatedAt: fresh.at(-1)?.startTime };
}

/** The fresh activities (a refetched one replaces its older copy: a repeated failure's count grows), then the older known. */
export function merge(fresh: Activity[], known: Activity[]): Activity[] {
  const oldestFresh = fresh.at(-1)?.activityId;
  if (oldestFresh === undefined) return known;
  return [...fresh, ...known.filter((a) => a.activityId < oldestFresh)];
}

/** Keeps a log's activities between refreshes; a wider range than loaded so far starts over. */
export class ActivityHistory {
  #items: Activity[] = [];
  #from = Number.POSITIVE_INFINITY;
  #truncatedAt: number | undefined;
  readonly #fetchPage: FetchPage;

  constructor(fetchPage: FetchPage) {
    this.#fetchPage = fetchPage;
  }

  async load(from: number): Promise<Loaded> {
    const widened = from < this.#from;
    const loaded = await loadActivities(this.#fetchPage, from, widened ? [] : this.#items);
    this.#items = loaded.items;
    if (widened) {
      this.#from = from;
      this.#truncatedAt = loaded.truncatedAt;
    }
    return { items: this.#items, ...(this.#truncatedAt !== undefined && { truncatedAt: this.#truncatedAt }) };
  }
}
