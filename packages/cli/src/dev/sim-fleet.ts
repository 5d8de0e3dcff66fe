// What `gantry dev` runs the real handlers over: a simulated account, the targets' configs, and the EC2 groups'
// capacity port. The demo fleet (demo-fleet.ts) and the user's gantry.yaml (config/config-fleet.ts) build one.
import type { Clock, ClusterCapacityPort, MetricsPort, QueuePort, TargetConfig } from "@gantry/core";
import { NotFoundError, queueNameOf } from "@gantry/core";
import type { SimAccount } from "@gantry/sim";

export interface SimFleet {
  account: SimAccount;
  configs: TargetConfig[];
  /** The port over the fleet's simulated EC2 groups; undefined when no target names one. */
  capacityPort?: (clock: Clock) => ClusterCapacityPort;
}

/**
 * GetQueueAttributes by queue name, whatever region and account the URL names: a config's queue URLs point at
 * the user's account, and the simulated account names each queue as the config does.
 */
export function namedQueuePort(account: SimAccount): QueuePort {
  return {
    async getQueueDepth(queueUrl) {
      const service = account.findQueue(queueNameOf(queueUrl));
      if (service === undefined) throw new NotFoundError(`no queue ${queueUrl}`, "queueUrl");
      return service.reportedDepth(account.now());
    },
  };
}

/** CloudWatch's basic statistics: the ones the simulated CloudWatch keeps (no percentiles). */
const BASIC_STATISTICS = new Set(["Average", "Sum", "SampleCount", "Minimum", "Maximum"]);

/**
 * GetMetricData over the simulated CloudWatch, where a query for a percentile (a config's `p90` latency alarm)
 * gets no datapoints, as a metric the account does not publish does, instead of failing the whole batch and
 * with it every other policy read in the same call.
 */
export function devMetricsPort(metrics: MetricsPort): MetricsPort {
  return {
    async getMetricData(queries, range) {
      const kept = queries.filter((q) => q.stat === undefined || BASIC_STATISTICS.has(q.stat.statistic));
      const answered = await metrics.getMetricData(kept, range);
      const empty = queries.filter((q) => !kept.includes(q) && q.returnData).map((q) => [q.id, []]);
      return { ...answered, ...Object.fromEntries(empty) };
    },
  };
}
