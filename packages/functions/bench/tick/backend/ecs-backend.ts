// ECS DescribeServices and UpdateService over the simulated account, with DescribeServices' 10-service limit.
import { DESCRIBE_SERVICES_LIMIT } from "@gantry/aws";
import { formatServiceId } from "@gantry/core";
import type { SimService } from "@gantry/sim";
import { AwsError, type ServiceHandler } from "./aws-error.ts";
import type { SimIndex } from "./sim-index.ts";

const ARN = "arn:aws:ecs:us-east-1:000000000000";

/** A cluster or service given by name or ARN: its last path segment. */
const nameOf = (nameOrArn: string) => nameOrArn.slice(nameOrArn.lastIndexOf("/") + 1);

export function ecsBackend(index: SimIndex): ServiceHandler {
  return (operation, input) => {
    if (operation === "DescribeServices") return describeServices(index, input);
    if (operation === "UpdateService") return updateService(index, input);
    throw new AwsError("UnknownOperationException", `the bench does not emulate ecs:${operation}`);
  };
}

function describeServices(index: SimIndex, input: Record<string, unknown>) {
  const names = (input.services as string[] | undefined) ?? [];
  if (names.length > DESCRIBE_SERVICES_LIMIT) {
    throw new AwsError(
      "InvalidParameterException",
      `services can have at most ${DESCRIBE_SERVICES_LIMIT} items.`,
    );
  }
  const cluster = clusterOf(index, input);
  const services: unknown[] = [];
  const failures: unknown[] = [];
  for (const name of names.map(nameOf)) {
    const service = index.service(formatServiceId({ cluster, service: name }));
    if (service) services.push(toService(cluster, service));
    else failures.push({ arn: `${ARN}:service/${cluster}/${name}`, reason: "MISSING" });
  }
  return { services, failures };
}

function updateService(index: SimIndex, input: Record<string, unknown>) {
  const cluster = clusterOf(index, input);
  const id = formatServiceId({ cluster, service: nameOf(String(input.service)) });
  const service = index.service(id);
  if (!service) throw new AwsError("ServiceNotFoundException", "Service not found.");
  if (typeof input.desiredCount === "number") index.account.setDesiredCount(id, input.desiredCount);
  return { service: toService(cluster, service) };
}

function clusterOf(index: SimIndex, input: Record<string, unknown>): string {
  const cluster = nameOf(typeof input.cluster === "string" ? input.cluster : "default");
  if (!index.hasCluster(cluster)) throw new AwsError("ClusterNotFoundException", "Cluster not found.");
  return cluster;
}

function toService(cluster: string, service: SimService) {
  const { desiredCount, runningCount, pendingCount } = service.snapshot();
  const name = nameOf(service.id);
  return {
    serviceArn: `${ARN}:service/${cluster}/${name}`,
    serviceName: name,
    clusterArn: `${ARN}:cluster/${cluster}`,
    status: "ACTIVE",
    desiredCount,
    runningCount,
    pendingCount,
    launchType: "FARGATE",
    deployments: [
      {
        id: `ecs-svc/${name}`,
        status: "PRIMARY",
        rolloutState: "COMPLETED",
        desiredCount,
        runningCount,
        pendingCount,
      },
    ],
  };
}
