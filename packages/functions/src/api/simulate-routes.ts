// Backtest a target's stored policies on an uploaded trace or on its queue's recorded arrivals, with the
// simulator `gantry simulate` uses.
import { isLiveMetric, type Policy, type TargetConfig, ValidationError } from "@gantry/core";
import {
  averageProcessingSeconds,
  createScaler,
  fluidBoundTaskSeconds,
  runSimulation,
  SIM_QUEUE_URL,
  type Trace,
} from "@gantry/sim";
import { type SimulationReport, toSimulationReport } from "@gantry/sim/report/index";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute } from "./api-route.ts";
import { type SimulateBody, TargetParamsSchema } from "./api-schemas.ts";
import { json, SimulationReport as Report, SimulateBody as SimulateRequest } from "./components.ts";
import { historyTrace, historyWindow } from "./history-trace.ts";
import { requireTarget, targetIdOf } from "./target-writes.ts";
import { parseUploadedTrace } from "./trace-upload.ts";

/** `gantry simulate`'s defaults. */
const DEFAULT_SLO_SECONDS = 60;
const DEFAULT_TASK_STARTUP_SECONDS = 45;

const simulate = apiRoute({
  method: "post",
  path: "/targets/{cluster}/{service}/simulate",
  operationId: "simulateTarget",
  summary:
    "Backtest the target's policies on an uploaded trace or on its queue's recorded history; the report is `gantry simulate --json`'s",
  request: { params: TargetParamsSchema, body: { ...json(SimulateRequest), required: true } },
  responses: { 200: { description: "The report of the run", ...json(Report) } },
});

export const simulateRoutes = new OpenAPIHono<ApiEnv>().openapi(simulate, async (c) => {
  const deps = c.var.deps;
  const body = c.req.valid("json");
  const record = await requireTarget(deps, targetIdOf(c.req.valid("param")));
  checkSimulable(record.config);
  const trace = body.trace
    ? parseUploadedTrace(body.trace)
    : await historyTrace(deps.metricData, record.config, historyWindow(body.history ?? {}, deps.clock.now()));
  const processingTimeSeconds =
    body.processingTimeSeconds ?? (body.trace ? undefined : policyProcessing(record.config));
  const options = { ...body, ...(processingTimeSeconds !== undefined && { processingTimeSeconds }) };
  return c.json(backtest(record.config, trace, options), 200);
});

/** The simulator replays the trace into one SQS queue: only live SQS policies can see it. */
function checkSimulable(config: TargetConfig): void {
  if (config.target.maxCapacity < 1) {
    throw new ValidationError("is 0: no task could ever run in the simulation", "target.maxCapacity");
  }
  if (!config.policies.some((p) => isLiveMetric(p.metric))) {
    throw new ValidationError(
      "the target has no sqs or sqsUtilization policy; the simulator replays the trace through an SQS queue",
      "policies",
    );
  }
}

/** As `gantry simulate --scaler gantry --config <the target's config> --json` runs it (seed 0). */
export function backtest(config: TargetConfig, trace: Trace, body: SimulateBody): SimulationReport {
  const { minCapacity, maxCapacity } = config.target;
  const bounds = { minCapacity, maxCapacity };
  const processingTime = body.processingTimeSeconds ?? trace.processingTimeSeconds ?? 1;
  const sloSeconds = body.sloSeconds ?? DEFAULT_SLO_SECONDS;
  const slo = {
    latencySeconds: sloSeconds,
    processingTimeSeconds: averageProcessingSeconds(trace, processingTime),
  };
  const scaler = createScaler("gantry", { bounds, slo, config: onSimulatedQueue(config) });
  const result = runSimulation({
    trace,
    scaler,
    bounds,
    seed: 0,
    sloSeconds,
    taskStartupSeconds: body.taskStartupSeconds ?? DEFAULT_TASK_STARTUP_SECONDS,
    concurrency: workerConcurrency(config.policies),
    ...(body.processingTimeSeconds !== undefined && { processingTimeSeconds: body.processingTimeSeconds }),
  });
  return toSimulationReport(result, fluidBoundTaskSeconds(trace, processingTime));
}

/** The gantry scaler observes the simulated queue under SIM_QUEUE_URL: point every live metric at it. */
function onSimulatedQueue(config: TargetConfig): TargetConfig {
  const policies = config.policies.map((policy): Policy => {
    const metric = policy.metric;
    if ("sqs" in metric) return { ...policy, metric: { sqs: { ...metric.sqs, queueUrl: SIM_QUEUE_URL } } };
    if ("sqsUtilization" in metric) {
      return { ...policy, metric: { sqsUtilization: { ...metric.sqsUtilization, queueUrl: SIM_QUEUE_URL } } };
    }
    return policy;
  });
  return { ...config, policies };
}

/** For recorded history, which has no durations: the processing time the target's sqsUtilization policy states. */
function policyProcessing(config: TargetConfig): number | undefined {
  for (const { metric } of config.policies) {
    if ("sqsUtilization" in metric) return metric.sqsUtilization.processingSeconds;
  }
  return undefined;
}

/** Messages one simulated task works on at once: what the target's sqsUtilization policy says, else 1. */
function workerConcurrency(policies: readonly Policy[]): number {
  for (const { metric } of policies) if ("sqsUtilization" in metric) return metric.sqsUtilization.concurrency;
  return 1;
}
