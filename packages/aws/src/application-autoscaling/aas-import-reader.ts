import {
  type ApplicationAutoScalingClient,
  paginateDescribeScalableTargets,
  paginateDescribeScalingPolicies,
  paginateDescribeScheduledActions,
} from "@aws-sdk/client-application-auto-scaling";
import { type CloudWatchClient, paginateDescribeAlarms } from "@aws-sdk/client-cloudwatch";
import { chunk } from "../chunk.ts";
import { toDomainError } from "../sdk-errors.ts";
import type { AasMetricAlarm, AasScalingPolicy, AasSetup } from "./aas-setup.ts";
import { ECS_NAMESPACE } from "./aas-setup.ts";

/** DescribeAlarms takes at most 100 alarm names per call [AWS]. */
export const DESCRIBE_ALARMS_NAMES_LIMIT = 100;

export interface AasImportClients {
  applicationAutoScaling: ApplicationAutoScalingClient;
  cloudWatch: CloudWatchClient;
}

/**
 * Every ECS scalable target, scaling policy and scheduled action in the client's region (all pages), and the
 * CloudWatch alarms the step policies name. Failures are domain errors naming the action.
 */
export async function readAasSetup(clients: AasImportClients): Promise<AasSetup> {
  const client = clients.applicationAutoScaling;
  // A fresh input per paginator: the SDK's paginators write NextToken into the object they are given.
  const input = () => ({ ServiceNamespace: ECS_NAMESPACE }) as const;
  const [scalableTargets, scalingPolicies, scheduledActions] = await Promise.all([
    collect(
      "application-autoscaling:DescribeScalableTargets",
      paginateDescribeScalableTargets({ client }, input()),
      (p) => p.ScalableTargets,
    ),
    collect(
      "application-autoscaling:DescribeScalingPolicies",
      paginateDescribeScalingPolicies({ client }, input()),
      (p) => p.ScalingPolicies,
    ),
    collect(
      "application-autoscaling:DescribeScheduledActions",
      paginateDescribeScheduledActions({ client }, input()),
      (p) => p.ScheduledActions,
    ),
  ]);
  const alarms = await readAlarms(clients.cloudWatch, stepAlarmNames(scalingPolicies));
  return { scalableTargets, scalingPolicies, scheduledActions, alarms };
}

/** The alarm names step policies list, each once, in order. Target tracking alarms belong to AAS and are not read. */
export function stepAlarmNames(policies: readonly AasScalingPolicy[]): string[] {
  const names = policies
    .filter((p) => p.PolicyType === "StepScaling")
    .flatMap((p) => p.Alarms ?? [])
    .map((a) => a.AlarmName)
    .filter((name): name is string => typeof name === "string" && name !== "");
  return [...new Set(names)];
}

async function readAlarms(client: CloudWatchClient, names: readonly string[]): Promise<AasMetricAlarm[]> {
  const batches = chunk(names, DESCRIBE_ALARMS_NAMES_LIMIT).map((AlarmNames) =>
    collect(
      "cloudwatch:DescribeAlarms",
      paginateDescribeAlarms({ client }, { AlarmNames }),
      (p) => p.MetricAlarms,
    ),
  );
  return (await Promise.all(batches)).flat();
}

async function collect<Page, Item>(
  action: string,
  pages: AsyncIterable<Page>,
  itemsOf: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  try {
    for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  } catch (error) {
    throw toDomainError(error, { action });
  }
  return items;
}
