import {
  type DecisionRecord,
  DecisionRecordSchema,
  parseWith,
  type ScalingState,
  ScalingStateSchema,
  type TargetConfig,
  TargetConfigSchema,
  ValidationError,
} from "@gantry/core";

/** A raw item as the memory store keeps it: what parses, or why it is corrupt. */
export interface ReadRawItem {
  config?: TargetConfig;
  state?: ScalingState;
  lastDecision?: DecisionRecord;
  /** NaN when the stored one is not a valid version: no conditional write then matches it, as in DynamoDB. */
  version: number;
  stateVersion: number;
  updatedAt: number;
  /** Set when the item is corrupt: the reason, as CorruptItemError's message will give it. */
  problem?: string;
}

/**
 * Reads a raw target item by the rules of the DynamoDB store's target-items.ts: a bad version, updatedAt,
 * stateVersion or config (or one naming another target) makes it corrupt; a bad state or decision reads as absent.
 */
export function readRawItem(targetId: string, raw: Record<string, unknown>): ReadRawItem {
  const { version, updatedAt } = raw;
  const stateVersion = raw.stateVersion ?? 0;
  const read: ReadRawItem = {
    version: isVersion(version, 1) ? version : Number.NaN,
    stateVersion: isVersion(stateVersion, 0) ? stateVersion : 0,
    updatedAt: typeof updatedAt === "number" ? updatedAt : 0,
  };
  const config = readConfig(raw.config);
  const state = ScalingStateSchema.safeParse(raw.state);
  const decision = DecisionRecordSchema.safeParse(raw.lastDecision);
  if (config.config) read.config = config.config;
  if (state.success) read.state = state.data;
  if (decision.success) read.lastDecision = decision.data;
  const problem = problemOf(targetId, raw, config);
  if (problem) read.problem = problem;
  return read;
}

function readConfig(raw: unknown): { config?: TargetConfig; problem?: string } {
  try {
    return { config: parseWith(TargetConfigSchema, raw) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { problem: `config${error.field ? `.${error.field}` : ""}: ${error.message}` };
  }
}

function problemOf(
  targetId: string,
  raw: Record<string, unknown>,
  config: { config?: TargetConfig; problem?: string },
): string | undefined {
  if (!isVersion(raw.version, 1)) return `version is ${JSON.stringify(raw.version)}`;
  if (typeof raw.updatedAt !== "number") return "updatedAt is not a number";
  if (!isVersion(raw.stateVersion ?? 0, 0)) return `stateVersion is ${JSON.stringify(raw.stateVersion)}`;
  if (config.problem !== undefined) return config.problem;
  const id = config.config?.target.id;
  return id === targetId ? undefined : `config names target ${id}`;
}

function isVersion(value: unknown, min: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min;
}
