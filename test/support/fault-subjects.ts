// Which targets a hooked call is about, and how a fault is labelled in the ledger.
import type { TargetConfig } from "@gantry/core";
import { formatServiceId } from "@gantry/core";
import type { FaultAction, SimAccount } from "@gantry/sim";
import type { FaultCall } from "./fault-world-types.ts";

/** The targets a call is about: the service or target it names; a shared call is about them all. */
export function subjectsOf(call: FaultCall, account: SimAccount): readonly string[] | "all" {
  const input = call.input as Record<string, unknown> & unknown[];
  switch (`${call.service}.${call.operation}`) {
    case "ecs.DescribeServices":
      return ((input.services as string[]) ?? []).map((service) =>
        formatServiceId({ cluster: String(input.cluster), service }),
      );
    case "ecs.UpdateService":
      return [formatServiceId({ cluster: String(input.cluster), service: String(input.service) })];
    case "sqs.GetQueueAttributes": {
      const service = account.findQueue(String(input.QueueUrl));
      return service ? [service.id] : [];
    }
    case "dynamodb.getTarget":
    case "dynamodb.putState":
    case "dynamodb.listActivities":
    case "dynamodb.getRawTarget":
      return [String(input[0])];
    case "dynamodb.putActivity":
      return [(input[0] as { targetId: string }).targetId];
    case "dynamodb.putConfig":
      return [(input[0] as TargetConfig).target.id];
    case "events.publishActivities":
    case "autoscaling.describeCluster":
      return [];
    default:
      // Stage 2's calls come after stage 1's outcomes; any other shared call concerns everyone.
      return call.service === "autoscaling" || call.service === "capacity-store" ? [] : "all";
  }
}

export function labelOf(call: FaultCall, action: FaultAction): string {
  return `${call.service}.${call.operation} ${action.kind}${"error" in action ? ` ${errorLabel(action.error)}` : ""}`;
}

/** `ServerException 500`, `DynamoDbFailed 503`, `TimeoutError`: the error's name or code, and its HTTP status. */
export function errorLabel(error: Error): string {
  const code = (error as { code?: unknown }).code;
  const sdk = (error.cause ?? error) as { $metadata?: { httpStatusCode?: number } };
  const status = sdk.$metadata?.httpStatusCode;
  return `${typeof code === "string" ? code : error.name}${status === undefined ? "" : ` ${status}`}`;
}
