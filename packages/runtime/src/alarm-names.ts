import { ValidationError } from "@gantry/core";

/** Gantry creates, lists and deletes only alarms whose names start with this. */
export const MANAGED_ALARM_PREFIX = "gantry-";

/**
 * A stage name's longest form. `gantry-` (7) + stage + `-` + hash (12) + `-` + suffix (≤ 80) stays far inside
 * CloudWatch's 255-character alarm names.
 */
export const MAX_STAGE_LENGTH = 64;

const STAGE_CHARS = /^[A-Za-z0-9-]+$/;
/** The hash segment of a managed name: 12 lowercase hex digits between hyphens. */
const HASH_SEGMENT = /(?:^|-)[0-9a-f]{12}(?:-|$)/;
/** `gantry-[<stage>-]<12 hex>-…`: the first 12-hex segment is the hash, so what comes before it is the stage. */
const MANAGED_NAME = /^gantry-(?:(.+?)-)??[0-9a-f]{12}-/;

const TWO_32 = 2 ** 32;
const ENCODER = new TextEncoder();

/**
 * FNV-1a, 64 bits, over the UTF-8 bytes of `text`: small, pure and stable across runtimes. Computed on two 32-bit
 * halves with exact double arithmetic (names for 10,000 targets' alarms hash in milliseconds, not seconds with
 * BigInt): the prime is 2^40 + 0x1b3, so h × prime = (h << 40) + h × 0x1b3, mod 2^64.
 */
export function fnv1a64(text: string): bigint {
  const [hi, lo] = fnv1a64Halves(text);
  return (BigInt(hi) << 32n) | BigInt(lo);
}

function fnv1a64Halves(text: string): [number, number] {
  const bytes = ENCODER.encode(text);
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    lo = (lo ^ (bytes[i] as number)) >>> 0;
    // Every sum stays below 2^53, so doubles are exact; `>>> 0` takes it mod 2^32.
    const low = lo * 0x1b3;
    const next = low >>> 0;
    hi = (hi * 0x1b3 + (low - next) / TWO_32 + ((lo << 8) >>> 0)) >>> 0;
    lo = next;
  }
  return [hi, lo];
}

/** The low 48 bits of the hash as 12 hex digits: an alarm name's hash segment. */
function hash48(text: string): string {
  const [hi, lo] = fnv1a64Halves(text);
  return (hi & 0xffff).toString(16).padStart(4, "0") + lo.toString(16).padStart(8, "0");
}

/** JSON with object keys sorted, so equal definitions hash equally whatever order their keys were built in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Why `stage` cannot namespace alarm names, or undefined when it can: 1–64 letters, digits or hyphens, and no
 * hyphen-separated segment of exactly 12 lowercase hex digits, which would read as the hash. That rule keeps
 * every stage's names apart from every other's, and from unstaged names, even when one stage name starts with
 * another (`dev`, `dev-a`).
 */
export function stageProblem(stage: string): string | undefined {
  if (stage.length === 0 || stage.length > MAX_STAGE_LENGTH || !STAGE_CHARS.test(stage)) {
    return `must be 1–${MAX_STAGE_LENGTH} letters, digits or hyphens`;
  }
  if (HASH_SEGMENT.test(stage)) {
    return "must not have a segment of 12 lowercase hex digits (alarm names use one for their hash)";
  }
  return undefined;
}

/** Where the names of a stage's alarms start: `gantry-<stage>-`, or `gantry-` with no stage. */
export function alarmNamePrefix(stage: string | undefined): string {
  if (stage === undefined) return MANAGED_ALARM_PREFIX;
  const problem = stageProblem(stage);
  if (problem) throw new ValidationError(`alarm stage "${stage}" ${problem}`, "stage");
  return `${MANAGED_ALARM_PREFIX}${stage}-`;
}

/**
 * The stage a managed name was made for: `{ stage: undefined }` for an unstaged `gantry-<12 hex>-…` name, or
 * undefined when the name is not in Gantry's form at all.
 */
export function alarmNameStage(name: string): { stage: string | undefined } | undefined {
  const match = MANAGED_NAME.exec(name);
  return match ? { stage: match[1] } : undefined;
}

/** Whether `name` is one of this stage's managed alarms (with no stage: an unstaged one). */
export function isStageAlarm(name: string, stage: string | undefined): boolean {
  const parsed = alarmNameStage(name);
  return parsed !== undefined && parsed.stage === stage;
}

/**
 * `gantry-[<stage>-]<12 hex>-<suffix>`. The hash covers the target, the policy and the alarm's whole definition, so a
 * changed definition gets a new name: sync then creates the new alarm and deletes the old one, and an alarm whose
 * name is listed already matches without reading it back. The suffix is only for people reading the console.
 * The stage, when there is one, keeps deployments that share an account (SST's `dev` and `prod`) out of each
 * other's alarms; it is not hashed, so unstaged names are the same as before stages existed.
 */
export function managedAlarmName(identity: unknown, suffix: string, stage?: string): string {
  const hash = hash48(stableJson(identity));
  const readable = suffix.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80);
  return `${alarmNamePrefix(stage)}${hash}-${readable}`;
}
