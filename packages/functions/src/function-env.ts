import { GantryError } from "@gantry/core";
import { stageProblem } from "@gantry/runtime";

/** The handlers' configuration, from the Lambda environment (set by infra/). */
export interface FunctionEnv {
  /** TABLE_NAME: the state table. Required. */
  tableName: string;
  /** EVENT_BUS_NAME: where activities are published; the account's default bus when unset. */
  eventBusName: string | undefined;
  /** SUB_TICK_SECONDS: seconds between passes inside one tick (default 15; 0 = one pass). */
  subTickSeconds: number;
  /** AWS_REGION: set by Lambda; the SDK's own resolution when unset. */
  region: string | undefined;
  /**
   * GANTRY_STAGE: the deployment's stage (infra sets `$app.stage`); managed alarms are named
   * `gantry-<stage>-<hash>-…` and each stage syncs only its own. Unset: unstaged `gantry-<hash>-…` names.
   */
  stage: string | undefined;
}

export const DEFAULT_SUB_TICK_SECONDS = 15;

/** A missing or malformed environment variable; `field` names it. */
export class EnvironmentError extends GantryError {
  constructor(message: string, variable: string) {
    super("BadEnvironment", message, variable);
  }
}

export function readFunctionEnv(env: NodeJS.ProcessEnv): FunctionEnv {
  const tableName = env.TABLE_NAME?.trim();
  if (!tableName) {
    throw new EnvironmentError(
      "TABLE_NAME is not set: the function needs the state table's name",
      "TABLE_NAME",
    );
  }
  return {
    tableName,
    eventBusName: env.EVENT_BUS_NAME?.trim() || undefined,
    subTickSeconds: readSubTickSeconds(env.SUB_TICK_SECONDS),
    region: env.AWS_REGION?.trim() || undefined,
    stage: readStage(env.GANTRY_STAGE),
  };
}

function readStage(raw: string | undefined): string | undefined {
  const stage = raw?.trim();
  if (!stage) return undefined;
  const problem = stageProblem(stage);
  if (problem) throw new EnvironmentError(`GANTRY_STAGE ${problem}, got "${raw}"`, "GANTRY_STAGE");
  return stage;
}

function readSubTickSeconds(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_SUB_TICK_SECONDS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new EnvironmentError(
      `SUB_TICK_SECONDS must be a number of seconds ≥ 0 (0 = one pass per tick), got "${raw}"`,
      "SUB_TICK_SECONDS",
    );
  }
  return seconds;
}
