// What Application Auto Scaling's alarms would cost for the same policies: target tracking creates two alarms
// per policy (high and low), step scaling uses one per policy; scheduled actions cost nothing. Each alarm is
// counted as one metric: the metric-math alarm an SQS backlog-per-task policy needs bills each metric it reads,
// so this is AAS's lower bound.
import type { TargetConfig } from "@gantry/core";
import { PRICES } from "./prices.ts";

export function aasAlarms(configs: readonly TargetConfig[]): number {
  let alarms = 0;
  for (const config of configs) {
    for (const policy of config.policies) alarms += policy.type === "TargetTracking" ? 2 : 1;
  }
  return alarms;
}

export function aasBaseline(configs: readonly TargetConfig[]) {
  const alarms = aasAlarms(configs);
  const perThousand = Math.round(((alarms * PRICES.alarmMonth * 1_000) / configs.length) * 100) / 100;
  return {
    baseline: "applicationAutoScaling",
    alarms,
    monthlyUsdPer1000Targets: { cloudwatch: perThousand, total: perThousand },
  };
}
