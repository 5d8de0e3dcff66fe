// One AAS scaling policy → a Gantry policy, by type; the result is checked with Gantry's own PolicySchema.
import type { AasMetricAlarm, AasScalingPolicy } from "@gantry/aws";
import { type PolicyInput, PolicySchema } from "@gantry/core";
import { checked } from "./checked.ts";
import { type Mapping, notCarried } from "./import-finding.ts";
import { mapStepScaling } from "./map-step-scaling.ts";
import { mapTargetTracking } from "./map-target-tracking.ts";

export function mapPolicy(
  policy: AasScalingPolicy,
  name: string,
  resource: string,
  alarms: ReadonlyMap<string, AasMetricAlarm>,
): Mapping<PolicyInput> {
  const mapping = mapByType(policy, name, resource, alarms);
  return mapping.value === undefined ? mapping : checked(PolicySchema, resource, mapping);
}

function mapByType(
  policy: AasScalingPolicy,
  name: string,
  resource: string,
  alarms: ReadonlyMap<string, AasMetricAlarm>,
): Mapping<PolicyInput> {
  switch (policy.PolicyType) {
    case "TargetTrackingScaling": {
      const mapped = mapTargetTracking(name, policy.TargetTrackingScalingPolicyConfiguration);
      return mapped.ok
        ? { value: mapped.value, findings: [] }
        : { findings: [notCarried(resource, mapped.problem)] };
    }
    case "StepScaling":
      return mapStepScaling(policy, name, resource, alarms);
    default: {
      const why =
        policy.PolicyType === "PredictiveScaling"
          ? "Gantry has no predictive scaling"
          : "Gantry has TargetTracking and StepScaling policies only";
      return { findings: [notCarried(resource, { setting: `PolicyType ${policy.PolicyType}`, why })] };
    }
  }
}
