// One clock for the whole page: every time is shown in one zone, UTC unless the user picks the browser's own,
// 24-hour, with the zone named. The choice is kept in localStorage.

export type Zone = "utc" | "local";

const STORAGE_KEY = "gantry.timeZone";
const listeners = new Set<() => void>();
let current: Zone = readStored();

function readStored(): Zone {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === "local" ? "local" : "utc";
  } catch {
    return "utc"; // storage blocked (privacy settings): the default
  }
}

export function zone(): Zone {
  return current;
}

export function setZone(next: Zone): void {
  if (next === current) return;
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // not persisted; the choice still holds for this page
  }
  for (const listener of listeners) listener();
}

/** Called after every zone change. */
export function onZoneChange(listener: () => void): void {
  listeners.add(listener);
}

/** The IANA zone for `zone` (undefined: the runtime's own). */
function timeZoneOf(which: Zone): string | undefined {
  return which === "utc" ? "UTC" : undefined;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function parts(ms: number, which: Zone): Record<string, string> {
  let format = formats.get(which);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone: timeZoneOf(which),
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(which, format);
  }
  return Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
}

/** `2026-01-05 12:31:15` in the chosen zone. */
export function formatTime(ms: number, which: Zone = current): string {
  const p = parts(ms, which);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `12:31:15` in the chosen zone. */
export function formatClock(ms: number, which: Zone = current): string {
  const p = parts(ms, which);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** An axis tick: the date at midnight, else `HH:MM` (seconds only when not on a whole minute). */
export function formatTick(ms: number, which: Zone = current): string {
  const p = parts(ms, which);
  if (p.hour === "00" && p.minute === "00" && p.second === "00") return `${p.month}-${p.day}`;
  return p.second === "00" ? `${p.hour}:${p.minute}` : `${p.hour}:${p.minute}:${p.second}`;
}

/** The zone's name as shown beside times: `UTC`, or the browser's zone, e.g. `Europe/Berlin`. */
export function zoneLabel(which: Zone = current): string {
  if (which === "utc") return "UTC";
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "local time";
}
