import type { ReasonCode } from "./reason-codes.ts";
import type { ScalingState } from "./state.ts";

export { REASON_CODES, type ReasonCode } from "./reason-codes.ts";

export interface Reason {
  code: ReasonCode;
  message: string;
  policy?: string;
}

export type ScalingAction = "ScaleOut" | "ScaleIn" | "None";

/** The core's answer: plain JSON, so it can be logged, stored, replayed and explained. */
export interface Decision {
  desiredCapacity: number;
  action: ScalingAction;
  reasons: Reason[];
  state: ScalingState;
}
