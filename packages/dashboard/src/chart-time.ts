// What every chart shares: time axes from the range's start to now in the page's one clock (24-hour, the zone
// named on the axis), zoom (mouse wheel or drag inside, the slider below), and a tooltip with units.
import type { XAXisComponentOption } from "echarts";
import type { DataZoomComponentOption, TooltipComponentOption } from "echarts/components";
import { formatTick, formatTime, zone, zoneLabel } from "./clock.ts";

/** ECharts places time ticks on round hours and days of this zone; labels come from the page's clock. */
export const timeBase = () => ({ animation: false, useUTC: zone() === "utc" });

/** One x axis per grid, all from `from` to `to` (now); only the last is named with the zone. */
export function timeAxes(grids: number, from: number, to: number): XAXisComponentOption[] {
  return Array.from({ length: grids }, (_, gridIndex) => ({
    type: "time",
    gridIndex,
    min: from,
    max: to,
    axisLabel: { formatter: (value: number) => formatTick(value), hideOverlap: true },
    ...(gridIndex === grids - 1 && { name: zoneLabel(), nameLocation: "end", nameGap: 8 }),
  }));
}

/** Zoom over every grid's time axis; `zoom` is the window kept from before a refresh, in percent. */
export function timeZoom(grids: number, zoom: { start: number; end: number }): DataZoomComponentOption[] {
  const xAxisIndex = Array.from({ length: grids }, (_, i) => i);
  return [
    { type: "inside", xAxisIndex, filterMode: "none", ...zoom },
    {
      type: "slider",
      xAxisIndex,
      filterMode: "none",
      bottom: 6,
      height: 18,
      labelFormatter: (value: number) => formatTick(value),
      ...zoom,
    },
  ];
}

interface AxisParam {
  seriesName?: string;
  marker?: unknown;
  value?: unknown;
}

/** The time in the page's zone, then each series' value with its unit (`units` by series name). */
export function timeTooltip(units: Record<string, string>): TooltipComponentOption {
  return {
    trigger: "axis",
    formatter: (raw) => {
      const params = (Array.isArray(raw) ? raw : [raw]) as AxisParam[];
      const first = params[0]?.value as [number, number | null] | undefined;
      const rows = params.map(({ seriesName = "", marker, value }) => {
        const reading = (value as [number, number | null])[1];
        const text =
          reading === null || reading === undefined ? "–" : `${round(reading)} ${units[seriesName] ?? ""}`;
        return `${typeof marker === "string" ? marker : ""}${seriesName}: <b>${text}</b>`;
      });
      return [first ? `${formatTime(first[0])} ${zoneLabel()}` : "", ...rows].join("<br>");
    },
  };
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The zoom window the user left a chart in (percent), to keep across refreshes; all of it if none. */
export function zoomOf(option: unknown): { start: number; end: number } {
  const zoom = (option as { dataZoom?: { start?: number; end?: number }[] } | undefined)?.dataZoom?.[0];
  return { start: zoom?.start ?? 0, end: zoom?.end ?? 100 };
}
