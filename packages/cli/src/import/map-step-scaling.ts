// An AAS step scaling policy and the alarm that triggers it → Gantry's StepScaling policy.
import type { AasMetricAlarm, AasScalingPolicy, AasStepScalingConfiguration } from "@gantry/aws";
import type { PolicyInput } from "@gantry/core";
import { type ImportFinding, type Mapping, notCarried } from "./import-finding.ts";
import { alarmLeftovers, mapAlarm, type StepTrigger } from "./map-alarm.ts";

const CONFIG = "StepScalingPolicyConfiguration";

export function mapStepScaling(
  policy: AasScalingPolicy,
  name: string,
  resource: string,
  alarms: ReadonlyMap<string, AasMetricAlarm>,
): Mapping<PolicyInput> {
  const config = policy.StepScalingPolicyConfiguration;
  if (!config) return none(resource, CONFIG, "missing");
  const [first, ...others] = (policy.Alarms ?? []).map((a) => a.AlarmName ?? "");
  if (first === undefined) {
    return none(
      resource,
      "Alarms",
      "no CloudWatch alarm triggers it (so AWS never runs it); Gantry needs one",
    );
  }
  const findings = others.map((other) =>
    notCarried(resource, {
      setting: `Alarms ${other}`,
      why: `Gantry triggers a step policy from one alarm; kept ${first}`,
    }),
  );
  const alarm = alarms.get(first);
  if (!alarm)
    return none(
      resource,
      `Alarms ${first}`,
      "the alarm was not found (DescribeAlarms / alarms.json)",
      findings,
    );
  const trigger = mapAlarm(alarm, policy.PolicyARN);
  if (!trigger.ok) {
    findings.push(notCarried(`${resource} alarm ${first}`, trigger.problem));
    return none(resource, `Alarms ${first}`, "its alarm cannot be carried over (see the alarm)", findings);
  }
  findings.push(...alarmLeftovers(alarm, `${resource} alarm ${first}`));
  const steps = mapSteps(config);
  if (typeof steps === "string") return none(resource, `${CONFIG}.StepAdjustments`, steps, findings);
  return { value: stepPolicy(name, config, trigger.value, steps, resource, findings), findings };
}

function stepPolicy(
  name: string,
  config: AasStepScalingConfiguration,
  trigger: StepTrigger,
  stepAdjustments: Step[],
  resource: string,
  findings: ImportFinding[],
): PolicyInput {
  const percent = config.AdjustmentType === "PercentChangeInCapacity";
  if (config.MinAdjustmentMagnitude !== undefined && !percent) {
    const why = "applies only to PercentChangeInCapacity, so it had no effect in AWS";
    findings.push(
      notCarried(resource, { setting: `MinAdjustmentMagnitude ${config.MinAdjustmentMagnitude}`, why }),
    );
  }
  return {
    name,
    type: "StepScaling",
    metric: trigger.metric,
    alarm: trigger.alarm,
    adjustmentType: config.AdjustmentType as "ChangeInCapacity",
    stepAdjustments,
    ...(percent &&
      config.MinAdjustmentMagnitude !== undefined && {
        minAdjustmentMagnitude: config.MinAdjustmentMagnitude,
      }),
    ...(config.Cooldown !== undefined && { cooldown: config.Cooldown }),
    ...(config.MetricAggregationType !== undefined && {
      metricAggregationType: config.MetricAggregationType as "Average",
    }),
  };
}

type Step = {
  metricIntervalLowerBound?: number;
  metricIntervalUpperBound?: number;
  scalingAdjustment: number;
};

/** The steps in Gantry's words, or why not. Bounds stay relative to the alarm threshold, as in AWS. */
function mapSteps(config: AasStepScalingConfiguration): Step[] | string {
  const steps = config.StepAdjustments ?? [];
  if (steps.length === 0) return "no steps";
  const out: Step[] = [];
  for (const step of steps) {
    if (step.ScalingAdjustment === undefined) return "a step has no ScalingAdjustment";
    out.push({
      ...(step.MetricIntervalLowerBound !== undefined && {
        metricIntervalLowerBound: step.MetricIntervalLowerBound,
      }),
      ...(step.MetricIntervalUpperBound !== undefined && {
        metricIntervalUpperBound: step.MetricIntervalUpperBound,
      }),
      scalingAdjustment: step.ScalingAdjustment,
    });
  }
  return out;
}

function none(
  resource: string,
  setting: string,
  why: string,
  findings: ImportFinding[] = [],
): Mapping<PolicyInput> {
  return { findings: [...findings, notCarried(resource, { setting, why })] };
}
