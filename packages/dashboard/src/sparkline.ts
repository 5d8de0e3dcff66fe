// A fleet row's last hour: desired and running tasks as two small step lines (SVG; no chart library per row).
import type { SeriesPoint } from "./api-types.ts";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 160;
const HEIGHT = 32;

type Pick = (p: SeriesPoint) => number | null;

/** Step-line path: each value holds until the next point, where the line steps (a point is its own time). */
function path(points: SeriesPoint[], pick: Pick, x: (at: number) => string, y: (v: number) => string) {
  let d = "";
  let previous: number | null = null;
  for (const point of points) {
    const value = pick(point);
    if (value === null) {
      previous = null;
      continue;
    }
    d += previous === null ? `M${x(point.at)},${y(value)}` : `H${x(point.at)}V${y(value)}`;
    previous = value;
  }
  return d;
}

function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string>) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** Desired (solid) and running (dashed) from `from` to `to` on one scale from 0 to the peak. */
export function renderSparkline(points: SeriesPoint[], from: number, to: number): SVGSVGElement {
  const inRange = points.filter((p) => p.at >= from && p.at <= to);
  const values = inRange.flatMap((p) => [p.desired, p.running]).filter((v): v is number => v !== null);
  const peak = Math.max(1, ...values);
  const x = (at: number) => (((at - from) / Math.max(1, to - from)) * WIDTH).toFixed(1);
  const y = (v: number) => (HEIGHT - 2 - (v / peak) * (HEIGHT - 4)).toFixed(1);
  const svg = svgElement("svg", {
    class: "sparkline",
    width: String(WIDTH),
    height: String(HEIGHT),
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    "data-testid": "sparkline",
    "data-points": String(inRange.length),
  });
  const title = svgElement("title", {});
  const last = inRange.findLast((p) => p.desired !== null || p.running !== null);
  title.textContent = last
    ? `last hour, 0–${peak} tasks; now desired ${last.desired ?? "–"}, running ${last.running ?? "–"}`
    : "no data in the last hour";
  svg.append(title);
  svg.append(svgElement("path", { class: "desired", d: path(inRange, (p) => p.desired, x, y) }));
  svg.append(svgElement("path", { class: "running", d: path(inRange, (p) => p.running, x, y) }));
  return svg;
}
