// Parsing of the time values found in trace files and in the from/to options.

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DECIMAL_RE = /^\d+(?:\.\d+)?$/;
const NUMBER_RE = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const DURATION_RE = /^(?:\d+(?:\.\d+)?[dhms])+$/;
const DURATION_PART_RE = /(\d+(?:\.\d+)?)([dhms])/g;
const UNIT_SECONDS: Readonly<Record<string, number>> = { d: 86_400, h: 3_600, m: 60, s: 1 };

/** Zone offset in minutes from a `Z`, `+HH:MM` or `+HHMM` designator; absent means UTC. */
function zoneMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/**
 * Epoch milliseconds of an ISO-8601 timestamp (`YYYY-MM-DD`, optional `T` or space, `HH:MM[:SS[.fff]]`,
 * optional zone), or NaN. A timestamp without a zone is UTC: the traces print their clock without one,
 * and reading it as the machine's local time would make results depend on where they run.
 */
export function parseIsoTimestamp(text: string): number {
  const m = ISO_RE.exec(text);
  if (m === null) return Number.NaN;
  const field = (i: number): number => Number(m[i] ?? 0);
  const [year, month, day, hour, minute, second] = [
    field(1),
    field(2),
    field(3),
    field(4),
    field(5),
    field(6),
  ];
  // Date.UTC rolls out-of-range fields over (Feb 30 → Mar 2): reject them instead.
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return Number.NaN;
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(Number(m[7] ?? 0) * 1000);
  return ms - zoneMinutes(m[8]) * 60_000;
}

/** True when the text looks like the start of a calendar date, i.e. is meant as a timestamp. */
export function looksLikeTimestamp(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(text);
}

/** A plain non-negative decimal (`12`, `0.5`), or NaN: rejects `""`, `0x10` and the like that Number() accepts. */
export function parseDecimal(text: string): number {
  return DECIMAL_RE.test(text) ? Number(text) : Number.NaN;
}

/** A non-negative number, exponent allowed (`1e3`), or NaN. */
export function parseNonNegative(text: string): number {
  return NUMBER_RE.test(text) ? Number(text) : Number.NaN;
}

/** Seconds in a duration such as `2h`, `30m`, `1d12h`, `90s`, `1.5h` (`m` is minutes), or NaN. */
export function parseDuration(text: string): number {
  if (!DURATION_RE.test(text)) return Number.NaN;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(DURATION_PART_RE)) {
    seconds += Number(amount) * (UNIT_SECONDS[unit ?? "s"] ?? 1);
  }
  return seconds;
}

/** ISO-8601 text (UTC, second precision unless the instant has milliseconds) of epoch milliseconds. */
export function isoFromMs(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/** `1d 2h 3m 4s` style rendering of seconds, for messages and descriptions. */
export function formatSeconds(seconds: number): string {
  if (seconds === 0) return "0s";
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    const whole = unit === "s" ? rest : Math.floor(rest / size);
    if (whole > 0) parts.push(`${Number(whole.toFixed(3))}${unit}`);
    rest -= whole * size;
  }
  return parts.join(" ");
}
