import {
  type Deployment,
  DescribeServicesCommand,
  type ECSClient,
  type Service,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { type EcsPort, type ServiceSnapshot, ValidationError } from "@gantry/core";
import { chunk } from "../chunk.ts";
import { callAws } from "../sdk-errors.ts";
import { missingArns, resourceName } from "./ecs-failures.ts";
import { formatServiceId, parseServiceId } from "./service-id.ts";

/** DescribeServices accepts at most 10 services per call [AWS]. */
export const DESCRIBE_SERVICES_LIMIT = 10;

/** EcsPort over the ECS API. Errors are mapped by toDomainError (ServiceNotActiveException → NotFoundError). */
export function createEcsPort(client: ECSClient): EcsPort {
  return {
    describeServices: (ids) => describeServices(client, ids),
    setDesiredCount: (id, desiredCount) => setDesiredCount(client, id, desiredCount),
  };
}

async function describeServices(
  client: ECSClient,
  ids: readonly string[],
): Promise<{ services: ServiceSnapshot[]; missing: string[] }> {
  const unique = [...new Set(ids)];
  const found = new Map<string, ServiceSnapshot>();
  for (const [cluster, names] of groupByCluster(unique)) {
    for (const batch of chunk(names, DESCRIBE_SERVICES_LIMIT)) {
      for (const snapshot of await describeBatch(client, cluster, batch)) found.set(snapshot.id, snapshot);
    }
  }
  const services = unique.flatMap((id) => found.get(id) ?? []);
  return { services, missing: unique.filter((id) => !found.has(id)) };
}

function groupByCluster(ids: readonly string[]): Map<string, string[]> {
  const byCluster = new Map<string, string[]>();
  ids.forEach((id, index) => {
    const { cluster, service } = parseServiceId(id, `ids[${index}]`);
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), service]);
  });
  return byCluster;
}

/** Only ACTIVE services come back: MISSING failures and deleted (INACTIVE, DRAINING) services are left out. */
async function describeBatch(
  client: ECSClient,
  cluster: string,
  names: string[],
): Promise<ServiceSnapshot[]> {
  const action = "ecs:DescribeServices";
  const response = await callAws({ action, resource: `cluster ${cluster}` }, () =>
    client.send(new DescribeServicesCommand({ cluster, services: names })),
  );
  // Throws on failures other than MISSING; the MISSING ones are simply absent from the result.
  missingArns(response.failures, action);
  return (response.services ?? [])
    .filter((service) => service.status === undefined || service.status === "ACTIVE")
    .map((service) => toSnapshot(cluster, service));
}

function toSnapshot(cluster: string, service: Service): ServiceSnapshot {
  return {
    id: formatServiceId({ cluster, service: service.serviceName ?? resourceName(service.serviceArn ?? "") }),
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    deploymentInProgress: isDeploying(service.deployments ?? []),
  };
}

/** More than one deployment means tasks are being replaced; a lone PRIMARY may still be rolling out. */
export function isDeploying(deployments: readonly Deployment[]): boolean {
  if (deployments.length > 1) return true;
  const primary = deployments.find((deployment) => deployment.status === "PRIMARY");
  return primary?.rolloutState === "IN_PROGRESS";
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
