import { type ECSClient, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { type EcsPort, parseServiceId, ValidationError } from "@gantry/core";
import { callAws } from "../sdk-errors.ts";
import { type DescribeServicesOptions, describeServices } from "./describe-services.ts";

export { DESCRIBE_SERVICES_LIMIT, isDeploying } from "./describe-services.ts";

/** Tuning of the DescribeServices batches; the defaults suit a Lambda pass. */
export type EcsPortOptions = Partial<DescribeServicesOptions>;

/**
 * DescribeServices calls in flight at once. ECS's describe actions are throttled per account at about 20 a second
 * sustained, with a larger burst [AWS]; ten in flight at 20–50 ms each can burst past that, and the SDK's adaptive
 * retry then slows the client down rather than failing the pass.
 */
export const DEFAULT_DESCRIBE_CONCURRENCY = 10;
/** One short retry beyond the SDK's own attempts before a failing batch is split. */
const DEFAULT_RETRY_DELAYS_MS = [200];

/**
 * EcsPort over the ECS API. describeServices reports per-id failures (see describe-services.ts);
 * setDesiredCount's errors are mapped by toDomainError (ServiceNotActiveException → NotFoundError).
 */
export function createEcsPort(client: ECSClient, options: EcsPortOptions = {}): EcsPort {
  const describe: DescribeServicesOptions = {
    concurrency: options.concurrency ?? DEFAULT_DESCRIBE_CONCURRENCY,
    retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
  };
  return {
    describeServices: (ids) => describeServices(client, ids, describe),
    setDesiredCount: (id, desiredCount) => setDesiredCount(client, id, desiredCount),
  };
}

async function setDesiredCount(client: ECSClient, id: string, desiredCount: number): Promise<void> {
  if (!Number.isInteger(desiredCount) || desiredCount < 0) {
    throw new ValidationError(
      `desiredCount must be a non-negative integer, got ${desiredCount}`,
      "desiredCount",
    );
  }
  const { cluster, service } = parseServiceId(id);
  // A service deleted since it was read raises ServiceNotActiveException, mapped to NotFoundError: for scaling
  // it is gone, and retrying the update cannot succeed.
  await callAws({ action: "ecs:UpdateService", resource: id }, () =>
    client.send(new UpdateServiceCommand({ cluster, service, desiredCount })),
  );
}
