// A target's "Capacity and load" section: the range control, the chart over the chosen range ending at the
// API's now, with every scaling event of the range, or why the series is unavailable.
import { ActivityHistory, type Loaded, PAGE_LIMIT } from "./activity-history.ts";
import { api } from "./api.ts";
import { apiNow } from "./api-now.ts";
import type { SeriesResponse, TargetView } from "./api-types.ts";
import { createChart } from "./chart.ts";
import { formatTime } from "./clock.ts";
import { describeError, el, showError } from "./dom.ts";
import { seriesOption } from "./series-option.ts";
import { type RangeKey, rangeMs, renderRangeControl, storedRange } from "./time-range.ts";

const NO_SAMPLES =
  "No sample in this range: Gantry records the service's tasks each pass that observes it (see above if it fails).";

function unavailable(error: unknown): string {
  return `The series is unavailable: ${describeError(error)}`;
}

export interface TargetChart {
  element: HTMLElement;
  /** Loads the range's series and activities, draws them, and answers the activities for the page's log. */
  refresh: (view: TargetView) => Promise<Loaded>;
  dispose: () => void;
}

export function createTargetChart(id: string, again: () => Promise<void>): TargetChart {
  const history = new ActivityHistory((cursor) => api.listActivities(id, PAGE_LIMIT, cursor));
  const chart = createChart("series-chart");
  const message = el("p", { class: "warn", hidden: "", "data-testid": "series-message" });
  let range: RangeKey = storedRange();
  let reset = true;
  const control = renderRangeControl(range, (key) => {
    range = key;
    reset = true;
    again().catch(showError);
  });
  const element = el(
    "section",
    {},
    el("div", { class: "section-head" }, el("h2", {}, "Capacity and load"), control),
    message,
    chart.element,
  );

  const say = (text: string | undefined) => {
    message.hidden = text === undefined;
    message.textContent = text ?? "";
  };

  return {
    element,
    async refresh(view) {
      const asked = range;
      const to = apiNow(view);
      const from = to - rangeMs(asked);
      const [loaded, series] = await Promise.all([
        history.load(from),
        api.getSeries(id, { from, to }).then(
          (answer): SeriesResponse | Error => answer,
          (error: unknown) => new Error(unavailable(error)),
        ),
      ]);
      if (asked !== range) return loaded; // the range changed meanwhile: its own refresh draws
      // Gantry's samples exist once a pass has observed the service: none (a service ECS does not know) is
      // said, not drawn as an empty chart.
      const empty = !(series instanceof Error) && series.points.every((p) => p.desired === null);
      chart.element.hidden = series instanceof Error || empty;
      if (series instanceof Error || empty) {
        say(series instanceof Error ? series.message : NO_SAMPLES);
        return loaded;
      }
      const cut =
        loaded.truncatedAt === undefined
          ? undefined
          : `events before ${formatTime(loaded.truncatedAt)} are not marked (too many to load)`;
      say(cut);
      // What is drawn, for tests and for anyone inspecting the page.
      const points = String(series.points.length);
      Object.assign(chart.element.dataset, { range: asked, from: String(from), to: String(to), points });
      chart.show((zoom) => seriesOption(series, loaded.items, view, zoom), reset);
      reset = false;
      return loaded;
    },
    dispose: () => chart.dispose(),
  };
}
