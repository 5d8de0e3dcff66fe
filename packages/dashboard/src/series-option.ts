// The target chart's option: tasks (desired, running, pending) with the range's scaling events marked; the first
// policy's metric in its unit, its target a labelled line; the queue's backlog in messages when there is a
// queue. Each point is drawn at its own time, held until the next (a step after the point, never before).
import type { LineSeriesOption } from "echarts/charts";
import type { Activity, SeriesResponse, TargetView } from "./api-types.ts";
import type { ChartOption } from "./chart.ts";
import { timeAxes, timeBase, timeTooltip, timeZoom } from "./chart-time.ts";
import { formatTime } from "./clock.ts";
import { axisName, hasQueue, metricLabel } from "./metric-units.ts";

type Point = SeriesResponse["points"][number];

const MARK_COLORS = { ScaleOut: "#c0392b", ScaleIn: "#2471a3", Failed: "#8a1c12" } as const;
const TARGET_COLOR = "#b9770e";
/** desired, running (as the fleet's sparklines), pending, the metric, the backlog. */
const PALETTE = ["#2f5fd0", "#3a9e5c", "#d68910", "#7b52ab", "#1593a8"];

function line(name: string, points: Point[], pick: (p: Point) => number | null, grid: number) {
  return {
    name,
    type: "line",
    showSymbol: false,
    step: grid === 0 ? "end" : undefined,
    xAxisIndex: grid,
    yAxisIndex: grid,
    data: points.map((p) => [p.at, pick(p)]),
  } satisfies LineSeriesOption;
}

/** Scaling events and failures in the range, as labelled vertical lines on the tasks grid. */
function eventMarks(activities: Activity[], from: number, to: number): LineSeriesOption["markLine"] {
  const shown = activities.filter(
    (a) => (a.action !== "None" || a.status === "Failed") && a.startTime >= from && a.startTime <= to,
  );
  return {
    symbol: "none",
    silent: false,
    // Labels on hover only: bursts put many events side by side.
    label: { show: false, formatter: "{b}" },
    emphasis: { label: { show: true } },
    data: shown.map((a) => {
      const failed = a.status === "Failed";
      const what = failed ? `Failed: ${a.statusMessage}` : `${a.action} ${a.fromCapacity}→${a.toCapacity}`;
      return {
        name: `${formatTime(a.startTime)} ${what}${a.dryRun ? " (dry run)" : ""}`,
        xAxis: a.startTime,
        lineStyle: {
          color: failed ? MARK_COLORS.Failed : MARK_COLORS[a.action as "ScaleOut" | "ScaleIn"],
          type: failed ? "dotted" : "dashed",
        },
      };
    }),
  };
}

/** The tracked value as a labelled horizontal line, and an axis that always reaches it. */
function targetLine(points: Point[], unit: string): LineSeriesOption["markLine"] | undefined {
  const target = points.findLast((p) => p.target !== null)?.target;
  if (target === undefined || target === null) return undefined;
  return {
    symbol: "none",
    label: {
      formatter: `target ${target}${unit ? ` ${unit}` : ""}`,
      position: "insideEndTop",
      color: TARGET_COLOR,
    },
    lineStyle: { color: TARGET_COLOR, type: "dashed", width: 2 },
    data: [{ yAxis: target }],
  };
}

/** The target is part of the picture even when the load stays far below it (else the axis scales itself). */
function metricAxisMax(points: Point[], target: number | null): { max?: number } {
  if (target === null) return {};
  const peak = Math.max(0, ...points.map((p) => p.metric ?? 0));
  return peak < target * 1.1 ? { max: Math.ceil(target * 1.2) } : {};
}

/** Pixel rows of the grids: tasks, metric and (with a queue) backlog, above the zoom slider. */
function layout(grids: number) {
  const rows = grids === 3 ? [150, 110, 80] : [190, 160];
  let top = 40;
  return rows.map((height) => {
    const grid = { top, height, left: 64, right: 40 };
    top += height + 42;
    return grid;
  });
}

export function seriesOption(
  series: SeriesResponse,
  activities: Activity[],
  view: TargetView,
  zoom: { start: number; end: number },
): ChartOption {
  const { points, from, to } = series;
  const label = metricLabel(view.config.policies[0]?.metric);
  const queue = hasQueue(view);
  const grids = queue ? 3 : 2;
  const target = points.findLast((p) => p.target !== null)?.target ?? null;
  const metric = {
    ...line(label.name, points, (p) => p.metric, 1),
    markLine: targetLine(points, label.unit),
  };
  const backlog = { ...line("backlog", points, (p) => p.backlog, 2), areaStyle: { opacity: 0.15 } };
  return {
    ...timeBase(),
    color: PALETTE,
    tooltip: timeTooltip({
      desired: "tasks",
      running: "tasks",
      pending: "tasks",
      [label.name]: label.unit,
      backlog: "messages",
    }),
    legend: { top: 0 },
    grid: layout(grids),
    xAxis: timeAxes(grids, from, to),
    yAxis: [
      { type: "value" as const, gridIndex: 0, name: "tasks", minInterval: 1 },
      { type: "value" as const, gridIndex: 1, name: axisName(label), ...metricAxisMax(points, target) },
      ...(queue
        ? [{ type: "value" as const, gridIndex: 2, name: "backlog (messages)", minInterval: 1 }]
        : []),
    ],
    dataZoom: timeZoom(grids, zoom),
    series: [
      { ...line("desired", points, (p) => p.desired, 0), markLine: eventMarks(activities, from, to) },
      line("running", points, (p) => p.running, 0),
      { ...line("pending", points, (p) => p.pending, 0), lineStyle: { type: "dotted" } },
      metric,
      ...(queue ? [backlog] : []),
    ],
  };
}
