// The charts' time range: the last 15 minutes to 7 days, ending now. One choice for every page, kept in
// localStorage; zooming inside a chart narrows the view within it.
import { el } from "./dom.ts";

const MINUTE = 60_000;
export const RANGES = [
  { key: "15m", label: "15 min", ms: 15 * MINUTE },
  { key: "1h", label: "1 h", ms: 60 * MINUTE },
  { key: "6h", label: "6 h", ms: 6 * 60 * MINUTE },
  { key: "24h", label: "24 h", ms: 24 * 60 * MINUTE },
  { key: "7d", label: "7 days", ms: 7 * 24 * 60 * MINUTE },
] as const;
export type RangeKey = (typeof RANGES)[number]["key"];

const STORAGE_KEY = "gantry.range";
const DEFAULT: RangeKey = "1h";

export function isRangeKey(value: unknown): value is RangeKey {
  return RANGES.some((r) => r.key === value);
}

export function rangeMs(key: RangeKey): number {
  return RANGES.find((r) => r.key === key)?.ms ?? MINUTE * 60;
}

export function storedRange(): RangeKey {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isRangeKey(stored) ? stored : DEFAULT;
  } catch {
    return DEFAULT;
  }
}

function storeRange(key: RangeKey): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, key);
  } catch {
    // not persisted: the choice holds for this page only
  }
}

/** A row of buttons, the chosen one pressed; `change` gets the new choice (after it is stored). */
export function renderRangeControl(selected: RangeKey, change: (key: RangeKey) => void): HTMLElement {
  const buttons = RANGES.map(({ key, label }) => {
    const button = el(
      "button",
      { type: "button", "data-range": key, "aria-pressed": String(key === selected) },
      label,
    );
    button.addEventListener("click", () => {
      for (const other of buttons) other.setAttribute("aria-pressed", String(other === button));
      storeRange(key);
      change(key);
    });
    return button;
  });
  return el(
    "div",
    { class: "range", role: "group", "aria-label": "Time range", "data-testid": "range-control" },
    el("span", { class: "muted" }, "Last"),
    ...buttons,
  );
}
