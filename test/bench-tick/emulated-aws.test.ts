// The bench's emulated AWS behind real SDK clients and adapters: answers from the simulated account, refuses
// what AWS refuses (per-call limits, unknown resources) the way the adapters expect AWS to.
import {
  createAwsClients,
  createEcsPort,
  createEventsPort,
  createQueuePort,
  DESCRIBE_SERVICES_LIMIT,
} from "@gantry/aws";
import { NotFoundError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { inProcessAws } from "../../packages/functions/bench/tick/aws-side/in-process-aws.ts";
import { InFlightCalls } from "../../packages/functions/bench/tick/backend/in-flight.ts";
import { Latency } from "../../packages/functions/bench/tick/backend/latency.ts";
import { installBackend } from "../../packages/functions/bench/tick/backend/sdk-backend.ts";
import { type FleetSpec, plannedTarget } from "../../packages/functions/bench/tick/fleet/fleet-plan.ts";

const spec: FleetSpec = { targets: 24, seed: 3, startMs: Date.UTC(2026, 0, 5, 10), minutes: 30 };

function emulated() {
  const aws = inProcessAws(spec);
  const clients = createAwsClients({
    region: "us-east-1",
    credentials: { accessKeyId: "A", secretAccessKey: "s" },
  });
  const latency = new Latency(0);
  latency.enabled = false;
  const backend = { aws, latency, now: Date.now, sleep: async () => {}, inFlight: new InFlightCalls(0) };
  installBackend(clients.ecs, "ecs", "application/x-amz-json-1.1", backend);
  installBackend(clients.sqs, "sqs", "application/x-amz-json-1.0", backend);
  installBackend(clients.eventBridge, "events", "application/x-amz-json-1.1", backend);
  return { aws, clients };
}

const errorType = (body: string) => (JSON.parse(body) as { __type: string }).__type;

describe("the emulated AWS", () => {
  it("answers DescribeServices from the simulated account, 10 services a call", async () => {
    const { aws, clients } = emulated();
    const ids = Array.from({ length: spec.targets }, (_, i) => plannedTarget(spec, i).targetId);
    const described = await createEcsPort(clients.ecs).describeServices([...ids, "service/bench-0/gone"]);
    expect(described.services.map((s) => [s.id, s.desiredCount])).toEqual(
      ids.map((id, i) => [id, plannedTarget(spec, i).initialDesired]),
    );
    expect(described.missing).toEqual(["service/bench-0/gone"]);
    expect(aws.aws.usage.calls("ecs:DescribeServices")).toBe(
      Math.ceil((ids.length + 1) / DESCRIBE_SERVICES_LIMIT),
    );
  });

  it("refuses a DescribeServices of more than 10 services, as ECS does", () => {
    const { aws } = emulated();
    const services = Array.from(
      { length: DESCRIBE_SERVICES_LIMIT + 1 },
      (_, i) => plannedTarget(spec, i).name,
    );
    const reply = aws.aws.call("ecs", "DescribeServices", JSON.stringify({ cluster: "bench-0", services }));
    expect(reply.status).toBe(400);
    expect(errorType(reply.body)).toBe("InvalidParameterException");
  });

  it("refuses GetMetricData over 500 queries and PutEvents over 10 entries", () => {
    const { aws } = emulated();
    const queries = Array.from({ length: 501 }, (_, i) => ({ Id: `q${i}`, Expression: "1", Period: 60 }));
    const metrics = aws.aws.call(
      "cloudwatch",
      "GetMetricData",
      JSON.stringify({ MetricDataQueries: queries, StartTime: 0, EndTime: 60 }),
    );
    expect([metrics.status, errorType(metrics.body)]).toEqual([400, "InvalidParameterValue"]);
    const entries = Array.from({ length: 11 }, () => ({ Source: "gantry", DetailType: "x", Detail: "{}" }));
    const events = aws.aws.call("events", "PutEvents", JSON.stringify({ Entries: entries }));
    expect([events.status, errorType(events.body)]).toEqual([400, "ValidationException"]);
  });

  it("scales a service through UpdateService, and ECS's refusal of an unknown one reaches the adapter as NotFound", async () => {
    const { aws, clients } = emulated();
    const ecs = createEcsPort(clients.ecs);
    const id = plannedTarget(spec, 1).targetId;
    await ecs.setDesiredCount(id, 7);
    expect(aws.aws.account.findService(id)?.snapshot().desiredCount).toBe(7);
    await expect(ecs.setDesiredCount("service/bench-0/gone", 1)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("reads queue depths as SQS reports them, and counts the events put", async () => {
    const { aws, clients } = emulated();
    aws.aws.advanceTo(spec.startMs + 120_000);
    const queueUrl = plannedTarget(spec, 0).queueUrl;
    const service = aws.aws.account.findQueue(queueUrl);
    const depth = await createQueuePort(clients.sqs).getQueueDepth(queueUrl);
    expect(depth).toEqual(service?.reportedDepth(aws.aws.account.now()));
    await expect(createQueuePort(clients.sqs).getQueueDepth(`${queueUrl}-gone`)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const activity = { targetId: plannedTarget(spec, 0).targetId, activityId: "a1", status: "Successful" };
    await createEventsPort(clients.eventBridge).publishActivities(
      Array.from({ length: 12 }, () => activity as never),
    );
    expect(aws.aws.usage.putEventsEntries).toBe(12);
    expect(aws.aws.usage.calls("events:PutEvents")).toBe(2);
  });
});
