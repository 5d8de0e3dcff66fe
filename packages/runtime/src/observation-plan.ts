import { liveQueueOf, type MetricQuery, type Policy, type TargetConfig, ValidationError } from "@gantry/core";
import { asError } from "./error-info.ts";

import { rewriteMathExpression } from "./math-expression.ts";
import { fromCloudWatch, metricStatFor } from "./metric-stat.ts";

/** Where a returned query's datapoints go: one policy of one target, which needs those since `since`. */
export interface QueryOutput {
  targetId: string;
  policy: string;
  since: number;
}

/** What one pass reads, for every target at once, so each AWS API is called in batches rather than per target. */
export interface ObservationPlan {
  now: number;
  /** For one EcsPort.describeServices call (the port batches 10 per DescribeServices). */
  serviceIds: string[];
  /** For one MetricsPort.getMetricData call (the port batches 500 per GetMetricData and follows NextToken). */
  queries: MetricQuery[];
  /** The widest window any policy needs; undefined when no policy reads CloudWatch. */
  range: { start: number; end: number } | undefined;
  /** Returned query id → its policy. */
  outputs: Map<string, QueryOutput>;
  /** Every query id (math inputs too) → its target, to isolate a query CloudWatch rejects. */
  queryTargets: Map<string, string>;
  /** Every queue a live (sqs, sqsUtilization) metric reads, once. */
  queueUrls: string[];
  /** Per planned target: what it reads. */
  targets: Map<string, PlannedTarget>;
  /** Targets whose config cannot be turned into queries (e.g. an ALB label without a target group). */
  errors: Map<string, Error>;
}

export interface PlannedTarget {
  /** The queues its live metrics read. */
  queueUrls: string[];
  /** Its returned query ids (keys of `outputs`). */
  outputIds: string[];
}

/** The part of a plan one target contributes. */
interface TargetPart {
  queries: MetricQuery[];
  outputs: [string, QueryOutput][];
  queueUrls: string[];
}

/** Builds the plan for a pass at `now`. Pure: the same configs and instant give the same plan. */
export function planObservation(configs: readonly TargetConfig[], now: number): ObservationPlan {
  const plan: ObservationPlan = {
    now,
    serviceIds: [],
    queries: [],
    range: undefined,
    outputs: new Map(),
    queryTargets: new Map(),
    queueUrls: [],
    targets: new Map(),
    errors: new Map(),
  };
  configs.forEach((config, index) => {
    const targetId = config.target.id;
    try {
      addTarget(plan, targetId, planTarget(config, now, `t${index}`));
    } catch (error) {
      plan.errors.set(targetId, asError(error));
    }
  });
  plan.queueUrls = [...new Set(plan.queueUrls)];
  plan.range = rangeOf(plan.outputs, now);
  return plan;
}

/**
 * The same plan without CloudWatch for `targetIds` (targets at rest, read-schedule.ts): they are still described
 * and their queues read, but none of their queries is sent.
 */
export function withoutMetricsOf(plan: ObservationPlan, targetIds: ReadonlySet<string>): ObservationPlan {
  if (targetIds.size === 0) return plan;
  const keeps = (queryId: string) => !targetIds.has(plan.queryTargets.get(queryId) as string);
  const outputs = new Map([...plan.outputs].filter(([id]) => keeps(id)));
  const targets = new Map(
    [...plan.targets].map(([id, t]) => [id, targetIds.has(id) ? { ...t, outputIds: [] } : t]),
  );
  return {
    ...plan,
    queries: plan.queries.filter((q) => keeps(q.id)),
    outputs,
    queryTargets: new Map([...plan.queryTargets].filter(([id]) => keeps(id))),
    targets,
    range: rangeOf(outputs, plan.now),
  };
}

/** The widest window any output needs, ending now; undefined when nothing reads CloudWatch. */
function rangeOf(outputs: ReadonlyMap<string, QueryOutput>, now: number): ObservationPlan["range"] {
  if (outputs.size === 0) return undefined;
  const start = [...outputs.values()].reduce((min, o) => Math.min(min, o.since), now);
  return { start, end: now };
}

function addTarget(plan: ObservationPlan, targetId: string, part: TargetPart): void {
  plan.serviceIds.push(targetId);
  plan.queries.push(...part.queries);
  for (const query of part.queries) plan.queryTargets.set(query.id, targetId);
  for (const [id, output] of part.outputs) plan.outputs.set(id, output);
  plan.queueUrls.push(...part.queueUrls);
  plan.targets.set(targetId, { queueUrls: part.queueUrls, outputIds: part.outputs.map(([id]) => id) });
}

/**
 * All of one target's queries and queues; throws when a policy's metric cannot be queried. Its query ids all
 * start with `prefix` (its place in the pass, `t3`), so no two targets' ids meet: policy 1 returns `t3_p1`.
 */
function planTarget(config: TargetConfig, now: number, prefix: string): TargetPart {
  const part: TargetPart = { queries: [], outputs: [], queueUrls: [] };
  const targetId = config.target.id;
  config.policies.forEach((policy, index) => {
    const queueUrl = liveQueueOf(policy.metric);
    if (queueUrl !== undefined) {
      part.queueUrls.push(queueUrl);
      return;
    }
    const id = `${prefix}_p${index}`;
    try {
      part.queries.push(...policyQueries(targetId, policy, id));
    } catch (error) {
      throw prefixField(error, `policies[${index}]`);
    }
    part.outputs.push([id, { targetId, policy: policy.name, since: now - windowMs(policy) }]);
  });
  part.queueUrls = [...new Set(part.queueUrls)];
  return part;
}

/**
 * How far back a policy looks: its datapoints plus two periods of slack (CloudWatch's newest period is often
 * still empty) plus the oldest a newest datapoint may be.
 */
export function windowMs(policy: Policy): number {
  const { periodSeconds, maxDataAgeSeconds, datapoints } = evaluationOf(policy);
  return ((datapoints + 2) * periodSeconds + maxDataAgeSeconds) * 1000;
}

export function evaluationOf(policy: Policy): {
  periodSeconds: number;
  maxDataAgeSeconds: number;
  datapoints: number;
} {
  if (policy.type === "StepScaling") {
    const { periodSeconds, maxDataAgeSeconds, evaluationPeriods } = policy.alarm;
    return { periodSeconds, maxDataAgeSeconds, datapoints: evaluationPeriods };
  }
  const { periodSeconds, maxDataAgeSeconds, scaleOutDatapoints, scaleInDatapoints } = policy.evaluation;
  return { periodSeconds, maxDataAgeSeconds, datapoints: Math.max(scaleOutDatapoints, scaleInDatapoints) };
}

/** The query that returns the policy's datapoints as `id`, after any math inputs it reads. */
function policyQueries(targetId: string, policy: Policy, id: string): MetricQuery[] {
  const periodSeconds = evaluationOf(policy).periodSeconds;
  const metric = policy.metric;
  if (!("math" in metric)) {
    const stat = metricStatFor(targetId, metric);
    if (!stat) throw new ValidationError("metric is not read from CloudWatch", "metric");
    return [{ id, stat, periodSeconds, returnData: true }];
  }
  const renamed = new Map(metric.math.metrics.map((input, k) => [input.id, `${id}_${k}`]));
  const inputs: MetricQuery[] = metric.math.metrics.map((input) => ({
    id: renamed.get(input.id) as string,
    stat: fromCloudWatch(input.cloudwatch),
    periodSeconds,
    returnData: false,
  }));
  const expression = rewriteMathExpression(metric.math.expression, renamed);
  return [...inputs, { id, expression, periodSeconds, returnData: true }];
}

function prefixField(error: unknown, prefix: string): Error {
  if (!(error instanceof ValidationError)) return asError(error);
  return new ValidationError(error.message, error.field ? `${prefix}.${error.field}` : prefix);
}
