// A run as an SVG chart: arrivals and backlog (messages, left axis) against desired and running tasks (right
// axis) over time, with the scaling actions marked. Rendered server-side by ECharts, so it needs no browser
// and the benchmark can reuse it.
import * as echarts from "echarts";
import type { SimulationResult } from "../engine/simulation-result.ts";
import { downsampleMinMax, thinActions } from "./downsample.ts";

export interface PlotOptions {
  /** Pixels; default 1200 × 600. */
  readonly width?: number;
  readonly height?: number;
  /** Points per line at most; default 2000. */
  readonly maxPoints?: number;
  /** Scaling-action markers at most; default 200 (each is an SVG element of ~250 bytes). */
  readonly maxMarkers?: number;
  /** A second title line, e.g. the trace's description. */
  readonly subtitle?: string;
}

/** The legend names of the series, in drawing order. */
export const PLOT_SERIES_NAMES = {
  arrivals: "arrivals per minute",
  backlog: "backlog",
  desired: "desired tasks",
  running: "running tasks",
  scaleOut: "scale-out",
  scaleIn: "scale-in",
} as const;

const MINUTE_MS = 60_000;

type Point = [timeMs: number, value: number];

/** One series column as [time, value] points, time being the end of the minute the entry covers. */
function timeSeries(result: SimulationResult, values: readonly number[], maxPoints: number): Point[] {
  const start = result.series.startMs;
  return downsampleMinMax(values, maxPoints).map(([i, value]) => [start + (i + 1) * MINUTE_MS, value]);
}

function lineSeries(name: string, data: Point[], yAxisIndex: number, step: boolean) {
  return {
    name,
    type: "line" as const,
    yAxisIndex,
    data,
    step: step ? ("end" as const) : false,
    showSymbol: false,
    lineStyle: { width: 1.2 },
  };
}

function actionSeries(name: string, data: Point[], rotate: number, color: string) {
  return {
    name,
    type: "scatter" as const,
    yAxisIndex: 1,
    data,
    symbol: "triangle",
    symbolRotate: rotate,
    symbolSize: 7,
    itemStyle: { color },
  };
}

function seriesOf(result: SimulationResult, options: PlotOptions) {
  const maxPoints = options.maxPoints ?? 2000;
  const { series } = result;
  const actions = thinActions(result.actions, options.maxMarkers ?? 200);
  const marks = (out: boolean): Point[] =>
    actions.filter((a) => a.to > a.from === out).map((a) => [a.at, a.to]);
  return [
    lineSeries(PLOT_SERIES_NAMES.arrivals, timeSeries(result, series.arrivals, maxPoints), 0, false),
    lineSeries(PLOT_SERIES_NAMES.backlog, timeSeries(result, series.backlog, maxPoints), 0, false),
    lineSeries(PLOT_SERIES_NAMES.desired, timeSeries(result, series.desired, maxPoints), 1, true),
    lineSeries(PLOT_SERIES_NAMES.running, timeSeries(result, series.running, maxPoints), 1, true),
    actionSeries(PLOT_SERIES_NAMES.scaleOut, marks(true), 0, "#c23531"),
    actionSeries(PLOT_SERIES_NAMES.scaleIn, marks(false), 180, "#2f4554"),
  ];
}

/** The subtitle cut to the chart's width (subtextStyle.width did not truncate it in SSR renders). */
function fitSubtitle(text: string, width: number): string {
  const maxChars = Math.floor((width - 40) / 6.5); // 12 px sans-serif averages under 6.5 px a character
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/** The chart's ECharts option (exported for tests and for callers that want to add to it). */
export function simulationChartOption(result: SimulationResult, options: PlotOptions = {}) {
  return {
    animation: false,
    useUTC: true, // trace clocks are UTC; the machine's zone must not shift the axis
    backgroundColor: "#ffffff",
    title: {
      text: `${result.scaler} on ${result.trace}`,
      subtext: fitSubtitle(options.subtitle ?? "", options.width ?? 1200),
      left: "center",
    },
    legend: { bottom: 4 },
    grid: { top: options.subtitle ? 80 : 60, left: 70, right: 70, bottom: 70 },
    xAxis: { type: "time" as const, name: "time (UTC)", nameLocation: "middle" as const, nameGap: 30 },
    yAxis: [
      { type: "value" as const, name: "messages" },
      { type: "value" as const, name: "tasks", minInterval: 1, splitLine: { show: false } },
    ],
    series: seriesOf(result, options),
  };
}

/**
 * zrender prefixes ids with a process-wide chart counter (`zr3-c0`) and numbers CSS classes process-wide
 * (`zr3-cls-17`), so the same chart would come out different on a second call. Renaming both (classes by
 * first appearance) makes the SVG a function of the result alone, which keeps benchmark outputs diffable.
 */
export function stableIds(svg: string): string {
  const classes = new Map<string, string>();
  return svg
    .replaceAll(/\bzr\d+-cls-\d+\b/g, (name) => {
      const renamed = classes.get(name) ?? `gantry-plot-cls-${classes.size}`;
      classes.set(name, renamed);
      return renamed;
    })
    .replaceAll(/\bzr\d+-/g, "gantry-plot-");
}

/** The run as an SVG document. Pure: no I/O, the same SVG for the same result. */
export function plotSimulation(result: SimulationResult, options: PlotOptions = {}): string {
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: options.width ?? 1200,
    height: options.height ?? 600,
  });
  try {
    chart.setOption(simulationChartOption(result, options));
    return stableIds(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}
