// AWS, as aws-sdk-client-mock answers it for the gantry import tests: the saved-output fixtures, paged.
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { fixture } from "./import-io.ts";

export const aas = mockClient(ApplicationAutoScalingClient);
export const cloudWatch = mockClient(CloudWatchClient);

/** Forgets earlier answers and calls, then answers from the fixtures, each list split over two pages. */
export function answerFromFixtures(): void {
  aas.reset();
  cloudWatch.reset();
  const pages = <K extends string>(file: string, key: K) => {
    const items = fixture(file, true)[key] as never[];
    const half = Math.ceil(items.length / 2);
    return [{ [key]: items.slice(0, half), NextToken: `${key}-2` }, { [key]: items.slice(half) }];
  };
  const [t1, t2] = pages("scalable-targets.json", "ScalableTargets");
  aas
    .on(DescribeScalableTargetsCommand)
    .resolvesOnce(t1 as never)
    .resolvesOnce(t2 as never);
  const [p1, p2] = pages("scaling-policies.json", "ScalingPolicies");
  aas
    .on(DescribeScalingPoliciesCommand)
    .resolvesOnce(p1 as never)
    .resolvesOnce(p2 as never);
  const [a1, a2] = pages("scheduled-actions.json", "ScheduledActions");
  aas
    .on(DescribeScheduledActionsCommand)
    .resolvesOnce(a1 as never)
    .resolvesOnce(a2 as never);
  const alarms = fixture("alarms.json", true).MetricAlarms as MetricAlarm[];
  cloudWatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames?: string[] }) => ({
    MetricAlarms: alarms.filter((a) => input.AlarmNames?.includes(a.AlarmName ?? "")),
  }));
}
