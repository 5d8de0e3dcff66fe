// A frontier chart: each scaler's runs as within-SLO % against workRatio (log axis), on the tuning part
// (filled, solid frontier) and the held-out validation part (hollow, dashed frontier). Rendered server-side by
// ECharts, like plot-simulation.ts.
import * as echarts from "echarts";
import { stableIds } from "./plot-simulation.ts";

export interface FrontierSeries {
  readonly scaler: string;
  readonly part: "tune" | "validate";
  /** Every run: [workRatio, within-SLO %]. */
  readonly points: readonly (readonly [number, number])[];
  /** The Pareto frontier, cheapest first. */
  readonly frontier: readonly (readonly [number, number])[];
}

const COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

function seriesOf(all: readonly FrontierSeries[]) {
  const scalers = [...new Set(all.map((s) => s.scaler))];
  return all.flatMap((s) => {
    const color = COLORS[scalers.indexOf(s.scaler) % COLORS.length];
    const name = `${s.scaler} (${s.part})`;
    const hollow = s.part === "validate";
    return [
      {
        name,
        type: "scatter" as const,
        data: s.points.map((p) => [...p]),
        symbol: hollow ? "emptyCircle" : "circle",
        symbolSize: 7,
        itemStyle: { color },
      },
      {
        name,
        type: "line" as const,
        data: s.frontier.map((p) => [...p]),
        step: "start" as const,
        showSymbol: false,
        lineStyle: { color, width: 1.5, type: hollow ? ("dashed" as const) : ("solid" as const) },
      },
    ];
  });
}

export function frontierChartOption(title: string, subtitle: string, series: readonly FrontierSeries[]) {
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const floor = Math.max(0, Math.floor(Math.min(100, ...ys) / 5) * 5);
  return {
    animation: false,
    backgroundColor: "#ffffff",
    title: { text: title, subtext: subtitle, left: "center" },
    legend: { bottom: 4 },
    grid: { top: 70, left: 70, right: 40, bottom: 80 },
    xAxis: {
      type: "log" as const,
      logBase: 2,
      min: 1,
      name: "workRatio (task-seconds ÷ Σ processing time), log scale",
      nameLocation: "middle" as const,
      nameGap: 30,
    },
    yAxis: { type: "value" as const, name: "within SLO, %", min: floor, max: 100 },
    series: seriesOf(series),
  };
}

/** The chart as an SVG document; the same SVG for the same input. */
export function plotFrontier(title: string, subtitle: string, series: readonly FrontierSeries[]): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 1000, height: 620 });
  try {
    chart.setOption(frontierChartOption(title, subtitle, series));
    return stableIds(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}
