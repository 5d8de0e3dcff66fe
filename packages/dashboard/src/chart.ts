// An ECharts chart (tree-shaken) on an element, created on first use once the element has a size; a refresh
// keeps the zoom the user left it in, a new range (`reset`) shows all of it again.
import type { XAXisComponentOption, YAXisComponentOption } from "echarts";
import { LineChart, type LineSeriesOption } from "echarts/charts";
import {
  DataZoomComponent,
  type DataZoomComponentOption,
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
import { zoomOf } from "./chart-time.ts";
import { el } from "./dom.ts";

use([
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

type Zoom = { start: number; end: number };

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | DataZoomComponentOption
  | XAXisComponentOption
  | YAXisComponentOption
>;

export interface Chart {
  element: HTMLElement;
  /** Draws the option `build` makes from the zoom to keep (all of it after `reset`). */
  show: (build: (zoom: Zoom) => ChartOption, reset: boolean) => void;
  dispose: () => void;
}

export function createChart(testId: string, className = "chart"): Chart {
  const element = el("div", { class: className, "data-testid": testId });
  let chart: EChartsType | undefined;
  const resize = () => chart?.resize();
  window.addEventListener("resize", resize);
  return {
    element,
    show(build, reset) {
      const zoom = reset || !chart ? { start: 0, end: 100 } : zoomOf(chart.getOption());
      chart ??= init(element);
      chart.resize(); // the element may have been hidden (size 0) since the last draw
      chart.setOption(build(zoom), { notMerge: true });
    },
    dispose() {
      window.removeEventListener("resize", resize);
      chart?.dispose();
    },
  };
}
