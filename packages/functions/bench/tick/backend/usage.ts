// What the emulated AWS was asked for: calls by action (`ecs:DescribeServices`), and the units each action is
// priced by (metrics requested, events put, DynamoDB request units), plus the backend's own CPU time.

const DYNAMO_READS = ["GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"];
const DYNAMO_WRITES = ["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"];

export interface UsageSnapshot {
  calls: Record<string, number>;
  getMetricDataMetrics: number;
  putEventsEntries: number;
  readUnits: number;
  writeUnits: number;
  /** Time the backend spent answering (in this process, unlike real AWS): a bias in the pass's wall time. */
  backendCpuMs: number;
}

export class Usage {
  #calls = new Map<string, number>();
  getMetricDataMetrics = 0;
  putEventsEntries = 0;
  readUnits = 0;
  writeUnits = 0;
  backendCpuMs = 0;

  count(action: string): void {
    this.#calls.set(action, (this.#calls.get(action) ?? 0) + 1);
  }

  calls(action: string): number {
    return this.#calls.get(action) ?? 0;
  }

  snapshot(): UsageSnapshot {
    return {
      calls: Object.fromEntries(this.#calls),
      getMetricDataMetrics: this.getMetricDataMetrics,
      putEventsEntries: this.putEventsEntries,
      readUnits: this.readUnits,
      writeUnits: this.writeUnits,
      backendCpuMs: this.backendCpuMs,
    };
  }

  reset(): void {
    this.#calls.clear();
    this.getMetricDataMetrics = 0;
    this.putEventsEntries = 0;
    this.readUnits = 0;
    this.writeUnits = 0;
    this.backendCpuMs = 0;
  }
}

/** The per-pass call counts of the bench's pinned output line. */
export function pinnedCalls(usage: UsageSnapshot) {
  const calls = (action: string) => usage.calls[action] ?? 0;
  const sum = (actions: readonly string[]) => actions.reduce((n, a) => n + calls(`dynamodb:${a}`), 0);
  return {
    describeServices: calls("ecs:DescribeServices"),
    getMetricData: calls("cloudwatch:GetMetricData"),
    getMetricDataMetrics: usage.getMetricDataMetrics,
    getQueueAttributes: calls("sqs:GetQueueAttributes"),
    updateService: calls("ecs:UpdateService"),
    dynamodbReads: sum(DYNAMO_READS),
    dynamodbWrites: sum(DYNAMO_WRITES),
  };
}

export type PinnedCalls = ReturnType<typeof pinnedCalls>;
