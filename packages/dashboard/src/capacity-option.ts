// A capacity group's chart: its usable instances over the range, as Gantry's activities set them (the API keeps
// no other instance history), each change and failure marked.
import type { LineSeriesOption } from "echarts/charts";
import type { Activity } from "./api-types.ts";
import type { ChartOption } from "./chart.ts";
import { timeAxes, timeBase, timeTooltip, timeZoom } from "./chart-time.ts";
import { formatTime } from "./clock.ts";

/** Usable instances after an activity: a failed change left the group as it was. */
export function instancesAfter(activity: Activity): number {
  return activity.status === "Failed" ? activity.fromCapacity : activity.toCapacity;
}

/**
 * The step line of instances from `from` to `to`: what the last activity before the range left, each activity's
 * result at its time, held to `to`. `activities` newest first, as the log answers; empty without any.
 */
export function instanceSteps(activities: readonly Activity[], from: number, to: number): [number, number][] {
  const oldestFirst = [...activities].reverse();
  const before = oldestFirst.filter((a) => a.startTime < from).at(-1);
  const inRange = oldestFirst.filter((a) => a.startTime >= from && a.startTime <= to);
  const first = inRange[0];
  const start = before ? instancesAfter(before) : first?.fromCapacity;
  if (start === undefined) return [];
  const steps: [number, number][] = [[from, start]];
  for (const a of inRange) steps.push([a.startTime, instancesAfter(a)]);
  const last = steps.at(-1)?.[1] ?? start;
  steps.push([to, last]);
  return steps;
}

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

export function capacityOption(
  activities: readonly Activity[],
  from: number,
  to: number,
  zoom: { start: number; end: number },
): ChartOption {
  const series: LineSeriesOption = {
    name: "usable instances",
    type: "line",
    step: "end",
    showSymbol: false,
    data: instanceSteps(activities, from, to),
    markLine: marks(activities, from, to),
  };
  return {
    ...timeBase(),
    tooltip: timeTooltip({ "usable instances": "instances" }),
    legend: { top: 0 },
    grid: [{ top: 40, height: 180, left: 64, right: 40 }],
    xAxis: timeAxes(1, from, to),
    yAxis: [{ type: "value" as const, name: "instances", minInterval: 1 }],
    dataZoom: timeZoom(1, zoom),
    series: [series],
  };
}
