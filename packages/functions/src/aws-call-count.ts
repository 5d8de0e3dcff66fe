import type { Metrics } from "@aws-lambda-powertools/metrics";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { METRICS } from "./metric-descriptors.ts";

type Handler = (args: unknown) => Promise<unknown>;
type AddMiddleware = (
  middleware: (next: Handler) => Handler,
  options: { step: "finalizeRequest"; priority: "low"; name: string },
) => void;

/**
 * The part of an SDK v3 client this needs. `add` is typed loosely (`never`) so that every client's own generic
 * stack fits; it is called with the finalizeRequest form above.
 */
interface SdkClient {
  middlewareStack: { add(middleware: never, options: never): void };
}

/**
 * Counts the requests each SDK client sends (retries included: the middleware sits inside the SDK's retry
 * middleware, so each attempt, billed or throttled, counts) and adds them as `AwsCalls` per `AwsService` whenever
 * the metrics are published: once per invocation by the logMetrics middleware, so a tick sends at most one
 * datapoint per client however many calls its passes make.
 */
export function countAwsCalls<C extends { [K in keyof C]: SdkClient }>(clients: C, metrics: Metrics): void {
  const counts = new Map<string, number>();
  for (const [service, client] of Object.entries<SdkClient>(clients)) {
    counts.set(service, 0);
    const add = client.middlewareStack.add.bind(client.middlewareStack) as unknown as AddMiddleware;
    add(
      (next) => (args) => {
        counts.set(service, (counts.get(service) ?? 0) + 1);
        return next(args);
      },
      { step: "finalizeRequest", priority: "low", name: "gantryAwsCallCount" },
    );
  }
  const publish = metrics.publishStoredMetrics.bind(metrics);
  metrics.publishStoredMetrics = () => {
    for (const [service, count] of counts) {
      if (count === 0) continue;
      const single = metrics.singleMetric();
      single.addDimension(METRICS.AwsCalls.dimensions[0], service);
      single.addMetric(METRICS.AwsCalls.name, MetricUnit.Count, count);
      counts.set(service, 0);
    }
    return publish();
  };
}
