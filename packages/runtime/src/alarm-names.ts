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

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/** FNV-1a, 64 bits, over the UTF-8 bytes of `text`: small, pure and stable across runtimes. */
export function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  return hash;
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
  const hash = (fnv1a64(stableJson(identity)) & 0xffffffffffffn).toString(16).padStart(12, "0");
  const readable = suffix.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80);
  return `${alarmNamePrefix(stage)}${hash}-${readable}`;
}
