// The target's live chart (ECharts, tree-shaken): capacity (desired, running) with scaling events marked, and
// below it the load (the first policy's metric against its target line) and the queue backlog.
import { LineChart, type LineSeriesOption } from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import { type ComposeOption, type EChartsType, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import type { Activity, SeriesPoint } from "./api-types.ts";
import { el } from "./dom.ts";

use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

const COLORS = { ScaleOut: "#c0392b", ScaleIn: "#2471a3", None: "#888" } as const;

function line(name: string, points: SeriesPoint[], pick: (p: SeriesPoint) => number | null, axis: number) {
  return {
    name,
    type: "line",
    showSymbol: false,
    step: axis === 0 ? "end" : undefined,
    xAxisIndex: axis === 0 ? 0 : 1,
    yAxisIndex: axis,
    data: points.map((p) => [p.at, pick(p)]),
  } satisfies LineSeriesOption;
}

/** Scaling events inside the window, as vertical lines on the capacity chart. */
function eventMarks(activities: Activity[], points: SeriesPoint[]): LineSeriesOption["markLine"] {
  const first = points[0]?.at ?? 0;
  const inWindow = activities.filter((a) => a.action !== "None" && a.startTime >= first);
  return {
    symbol: "none",
    // Labels on hover only: bursts put many events side by side.
    label: { show: false, formatter: "{b}" },
    emphasis: { label: { show: true } },
    data: inWindow.map((a) => ({
      name: `${a.action} ${a.fromCapacity}→${a.toCapacity}${a.dryRun ? " (dry run)" : ""}`,
      xAxis: a.startTime,
      lineStyle: { color: COLORS[a.action], type: "dashed" },
    })),
  };
}

function option(points: SeriesPoint[], activities: Activity[]): Option {
  const desired = line("desired", points, (p) => p.desired, 0);
  return {
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: [
      { top: 40, height: "35%", left: 50, right: 60 },
      { top: "58%", bottom: 30, left: 50, right: 60 },
    ],
    xAxis: [
      { type: "time", gridIndex: 0 },
      { type: "time", gridIndex: 1 },
    ],
    yAxis: [
      { type: "value", gridIndex: 0, name: "tasks", minInterval: 1 },
      { type: "value", gridIndex: 1, name: "metric" },
      { type: "value", gridIndex: 1, name: "backlog", position: "right" },
    ],
    series: [
      { ...desired, markLine: eventMarks(activities, points) },
      line("running", points, (p) => p.running, 0),
      line("metric", points, (p) => p.metric, 1),
      { ...line("target", points, (p) => p.target, 1), lineStyle: { type: "dashed" } },
      { ...line("backlog", points, (p) => p.backlog, 2), xAxisIndex: 1, areaStyle: { opacity: 0.15 } },
    ],
  };
}

export interface SeriesChart {
  element: HTMLElement;
  update: (points: SeriesPoint[], activities: Activity[]) => void;
  dispose: () => void;
}

/** The chart is created on the first update, once its element is in the page and has a size. */
export function createSeriesChart(): SeriesChart {
  const element = el("div", { class: "chart", "data-testid": "series-chart" });
  let chart: EChartsType | undefined;
  const resize = () => chart?.resize();
  window.addEventListener("resize", resize);
  return {
    element,
    update(points, activities) {
      chart ??= init(element);
      chart.setOption(option(points, activities), { notMerge: true });
      element.dataset.points = String(points.length);
    },
    dispose() {
      window.removeEventListener("resize", resize);
      chart?.dispose();
    },
  };
}
