// The emulated AWS account: the simulator's services (one per target, with its queue and metrics) under the
// mix's load, ECS, SQS, CloudWatch and EventBridge over them, and the state table in memory.
import { STATE_TABLE } from "@gantry/aws";
import { SimAccount } from "@gantry/sim";
import { aasBackend } from "../backend/aas-backend.ts";
import { type Reply, respond, type ServiceHandler } from "../backend/aws-error.ts";
import { cloudWatchBackend } from "../backend/cloudwatch-backend.ts";
import { ecsBackend } from "../backend/ecs-backend.ts";
import { eventsBackend } from "../backend/events-backend.ts";
import { SimIndex } from "../backend/sim-index.ts";
import { sqsBackend } from "../backend/sqs-backend.ts";
import { Usage, type UsageSnapshot } from "../backend/usage.ts";
import { dynamoBackend } from "../dynamo/dynamo-backend.ts";
import {
  type FleetSpec,
  loadCounts,
  PROCESSING_SECONDS,
  plannedTarget,
  TABLE_NAME,
} from "../fleet/fleet-plan.ts";

/** Queue attributes and metrics are sampled every 5 s: fine enough for 15 s passes, cheap at 10,000 services. */
const SAMPLE_SECONDS = 5;

export interface AwsReport extends UsageSnapshot {
  /** Managed alarms that exist now. */
  alarms: number;
}

export class EmulatedAws {
  readonly usage = new Usage();
  readonly account: SimAccount;
  readonly #handlers: Record<string, ServiceHandler>;
  readonly #alarms: Map<string, unknown>;

  constructor(spec: FleetSpec) {
    this.account = new SimAccount({ startMs: spec.startMs, seed: spec.seed, sampleSeconds: SAMPLE_SECONDS });
    for (let index = 0; index < spec.targets; index++) {
      const planned = plannedTarget(spec, index);
      const counts = loadCounts(spec, planned);
      this.account.addService({
        name: planned.name,
        cluster: planned.cluster,
        processingTimeSeconds: PROCESSING_SECONDS,
        initialDesired: planned.initialDesired,
        trace: { name: planned.name, description: "bench load", bucketSeconds: 60, counts, scale: 1 },
      });
    }
    const index = new SimIndex(this.account);
    const dynamo = dynamoBackend(this.usage);
    dynamo.createTable(TABLE_NAME, { hash: STATE_TABLE.partitionKey, range: STATE_TABLE.sortKey });
    const cloudwatch = cloudWatchBackend(index, this.usage);
    this.#alarms = cloudwatch.alarms;
    this.#handlers = {
      ecs: ecsBackend(index),
      sqs: sqsBackend(index),
      cloudwatch: cloudwatch.handler,
      events: eventsBackend(this.usage),
      dynamodb: dynamo.handler,
      "application-autoscaling": aasBackend(),
    };
  }

  call(service: string, operation: string, body: string): Reply {
    const handler = this.#handlers[service];
    if (!handler) throw new Error(`the bench does not emulate ${service}`);
    const started = performance.now();
    const reply = respond(handler, operation, body);
    this.usage.backendCpuMs += performance.now() - started;
    this.usage.count(`${service}:${operation}`);
    return reply;
  }

  /** Moves the account's clock forward (never back): the load arrives and the services work meanwhile. */
  advanceTo(time: number): void {
    if (time > this.account.now()) this.account.advanceTo(time);
  }

  report(): AwsReport {
    return { ...this.usage.snapshot(), alarms: this.#alarms.size };
  }
}
