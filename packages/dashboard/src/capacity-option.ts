// A capacity group's chart: its desired capacity and its instances in service, pending, draining and protected
// from scale-in, as the capacity stage saw them each pass (the API's capacity series), each change and failure
// Gantry made marked.
import type { LineSeriesOption } from "echarts/charts";
import type { Activity, CapacitySeriesResponse } from "./api-types.ts";
import type { ChartOption } from "./chart.ts";
import { timeAxes, timeBase, timeTooltip, timeZoom } from "./chart-time.ts";
import { formatTime } from "./clock.ts";

type Point = CapacitySeriesResponse["points"][number];

const LINES: [string, (p: Point) => number | null][] = [
  ["desired", (p) => p.desired],
  ["in service", (p) => p.inService],
  ["pending", (p) => p.pending],
  ["draining", (p) => p.draining],
  ["protected", (p) => p.protected],
];
const PALETTE = ["#2f5fd0", "#3a9e5c", "#d68910", "#8a1c12", "#7b52ab"];

function marks(activities: readonly Activity[], from: number, to: number): LineSeriesOption["markLine"] {
  const shown = activities.filter((a) => a.startTime >= from && a.startTime <= to && a.action !== "None");
  return {
    symbol: "none",
    label: { show: false, formatter: "{b}" },
    emphasis: { label: { show: true } },
    data: shown.map((a) => ({
      name: `${formatTime(a.startTime)} ${a.action} ${a.fromCapacity}→${a.toCapacity} ${a.status}`,
      xAxis: a.startTime,
      lineStyle: {
        color: a.status === "Failed" ? "#8a1c12" : a.action === "ScaleOut" ? "#c0392b" : "#2471a3",
        type: a.status === "Failed" ? "dotted" : "dashed",
      },
    })),
  };
}

/** Each state a held step line (a count holds until the next sample), the range's changes on the first. */
export function capacityOption(
  series: CapacitySeriesResponse,
  activities: readonly Activity[],
  zoom: { start: number; end: number },
): ChartOption {
  const { from, to, points } = series;
  const lines: LineSeriesOption[] = LINES.map(([name, pick], i) => ({
    name,
    type: "line",
    step: "end",
    showSymbol: false,
    data: points.map((p) => [p.at, pick(p)]),
    ...(i === 0 && { markLine: marks(activities, from, to) }),
  }));
  return {
    ...timeBase(),
    color: PALETTE,
    tooltip: timeTooltip(Object.fromEntries(LINES.map(([name]) => [name, "instances"]))),
    legend: { top: 0 },
    grid: [{ top: 40, height: 180, left: 64, right: 40 }],
    xAxis: timeAxes(1, from, to),
    yAxis: [{ type: "value" as const, name: "instances", minInterval: 1 }],
    dataZoom: timeZoom(1, zoom),
    series: lines,
  };
}
