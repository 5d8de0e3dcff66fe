import { ValidationError } from "../errors.ts";
import { MAX_YEAR, MIN_YEAR } from "./recurrence.ts";

interface FieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Names for min, min + 1, … (JAN–DEC, SUN–SAT). */
  readonly names?: readonly string[];
}

const MINUTES: FieldSpec = { label: "minutes", min: 0, max: 59 };
const HOURS: FieldSpec = { label: "hours", min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { label: "day-of-month", min: 1, max: 31 };
const MONTH: FieldSpec = {
  label: "month",
  min: 1,
  max: 12,
  names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
};
// AWS numbers weekdays 1=SUN … 7=SAT (Quartz style); croner reads them so with alternativeWeekdays.
const DAY_OF_WEEK: FieldSpec = {
  label: "day-of-week",
  min: 1,
  max: 7,
  names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
};
const YEAR: FieldSpec = { label: "year", min: MIN_YEAR, max: MAX_YEAR };

const ITEM = /^(\*|[A-Z0-9]+)(?:-([A-Z0-9]+))?(?:\/(\d+))?$/;

/**
 * Translates the inside of an AWS `cron(minutes hours day-of-month month day-of-week year)` into a
 * 7-field croner pattern (seconds first), validating it against AWS's rules on the way. Croner must
 * then be run with `alternativeWeekdays: true` and `domAndDow: true`.
 */
export function awsCronToCroner(body: string): string {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new ValidationError(
      `cron() expression must have 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}: "cron(${body})"`,
    );
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields.map((field) => field.toUpperCase()) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  checkDayFields(dayOfMonth, dayOfWeek);
  return [
    "0",
    translateList(minutes, MINUTES),
    translateList(hours, HOURS),
    translateDayOfMonth(dayOfMonth),
    translateList(month, MONTH),
    translateDayOfWeek(dayOfWeek),
    translateYear(year),
  ].join(" ");
}

/** AWS: exactly one of day-of-month and day-of-week is `?`. */
function checkDayFields(dayOfMonth: string, dayOfWeek: string): void {
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    throw new ValidationError(
      `cron() needs "?" in exactly one of day-of-month and day-of-week, got "${dayOfMonth}" and "${dayOfWeek}" (e.g. cron(0 10 * * ? *) or cron(0 10 ? * MON *))`,
    );
  }
}

// With domAndDow (AND logic), `*` in the `?` field matches every day, so the other field decides.
// We rewrite `?` ourselves rather than rely on croner's handling of it.
function translateDayOfMonth(field: string): string {
  if (field === "?") return "*";
  if (field === "L" || field === "LW") return field;
  const weekday = /^(\d+)W$/.exec(field);
  if (weekday?.[1] !== undefined) return `${parseValue(weekday[1], DAY_OF_MONTH)}W`;
  if (field.includes("L") || field.includes("W")) {
    throw new ValidationError(`cron() day-of-month "${field}": L and W must stand alone, as in L, LW or 15W`);
  }
  return translateList(field, DAY_OF_MONTH);
}

function translateDayOfWeek(field: string): string {
  if (field === "?") return "*";
  // AWS: L alone is the last day of the week, Saturday. Croner rejects a bare L here.
  if (field === "L") return "7";
  // AWS `5L` (last Thursday) is croner's `5#L`.
  const last = /^([A-Z0-9]+)L$/.exec(field);
  if (last?.[1] !== undefined) return `${parseValue(last[1], DAY_OF_WEEK)}#L`;
  const nth = /^([A-Z0-9]+)#(\d+)$/.exec(field);
  if (nth?.[1] !== undefined && nth[2] !== undefined)
    return `${parseValue(nth[1], DAY_OF_WEEK)}#${parseNth(nth[2])}`;
  if (field.includes("#")) {
    throw new ValidationError(`cron() day-of-week "${field}": # must stand alone, as in 2#1 (first Monday)`);
  }
  return translateList(field, DAY_OF_WEEK);
}

function parseNth(text: string): number {
  const nth = Number(text);
  if (nth < 1 || nth > 5)
    throw new ValidationError(`cron() day-of-week: the n in day#n must be 1–5, got ${text}`);
  return nth;
}

function translateYear(field: string): string {
  // Bounding `*` to AWS's year range also bounds croner's search when a pattern never matches.
  return translateList(field, YEAR).replaceAll("*", `${MIN_YEAR}-${MAX_YEAR}`);
}

function translateList(field: string, spec: FieldSpec): string {
  if (field === "?") {
    throw new ValidationError(`cron() ${spec.label}: "?" is only allowed in day-of-month and day-of-week`);
  }
  return field
    .split(",")
    .map((item) => translateItem(item, spec))
    .join(",");
}

/** `*`, `*\/s`, `v`, `v-w`, `v/s`, `v-w/s`; croner only accepts a step after `*` or a range. */
function translateItem(item: string, spec: FieldSpec): string {
  const match = ITEM.exec(item);
  if (match === null) throw new ValidationError(`cron() ${spec.label}: cannot read "${item}"`);
  const [, startText = "", endText, stepText] = match;
  const step = stepText === undefined ? "" : `/${parseStep(stepText, spec)}`;
  if (startText === "*") {
    if (endText !== undefined) throw new ValidationError(`cron() ${spec.label}: cannot read "${item}"`);
    return `*${step}`;
  }
  const start = parseValue(startText, spec);
  if (endText === undefined) return step === "" ? `${start}` : `${start}-${spec.max}${step}`;
  const end = parseValue(endText, spec);
  if (end < start) {
    throw new ValidationError(
      `cron() ${spec.label}: range "${item}" runs backwards; wrap-around ranges are not supported`,
    );
  }
  return `${start}-${end}${step}`;
}

function parseStep(text: string, spec: FieldSpec): number {
  const step = Number(text);
  const span = spec.max - spec.min + 1;
  if (step < 1 || step > span)
    throw new ValidationError(`cron() ${spec.label}: step must be 1–${span}, got ${text}`);
  return step;
}

function parseValue(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text) ?? -1;
  const value = named >= 0 ? spec.min + named : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= spec.min && value <= spec.max)) {
    const names = spec.names === undefined ? "" : ` or ${spec.names[0]}–${spec.names.at(-1)}`;
    throw new ValidationError(`cron() ${spec.label}: "${text}" is not ${spec.min}–${spec.max}${names}`);
  }
  return value;
}
