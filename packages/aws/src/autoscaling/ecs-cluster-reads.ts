import {
  type ContainerInstance,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
  ListContainerInstancesCommand,
  ListTasksCommand,
  type Task,
  type TaskDefinition,
} from "@aws-sdk/client-ecs";
import { chunk } from "../chunk.ts";
import { missingArns } from "../ecs/ecs-failures.ts";
import { callAws } from "../sdk-errors.ts";

// The ECS reads behind ClusterCapacityPort.describeCluster. Each is paged or batched at the API's limit [AWS].

/** DescribeContainerInstances and DescribeTasks take at most 100 ARNs per call. */
export const DESCRIBE_BATCH_LIMIT = 100;
const DESCRIBE_SERVICES_BATCH = 10;

/** Every container instance of the cluster that is not INACTIVE (ListContainerInstances' default). */
export async function readContainerInstances(
  client: ECSClient,
  cluster: string,
): Promise<ContainerInstance[]> {
  const arns = await listAll((nextToken) =>
    callAws({ action: "ecs:ListContainerInstances", resource: `cluster ${cluster}` }, async () => {
      const page = await client.send(
        new ListContainerInstancesCommand({ cluster, nextToken, maxResults: 100 }),
      );
      return { items: page.containerInstanceArns ?? [], nextToken: page.nextToken };
    }),
  );
  const action = "ecs:DescribeContainerInstances";
  const instances: ContainerInstance[] = [];
  for (const batch of chunk(arns, DESCRIBE_BATCH_LIMIT)) {
    const response = await callAws({ action, resource: `cluster ${cluster}` }, () =>
      client.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: batch })),
    );
    missingArns(response.failures, action); // one deregistered since the list is simply absent
    instances.push(...(response.containerInstances ?? []));
  }
  return instances;
}

/** Tasks ECS wants running (RUNNING and still PENDING), with the container instance each is placed on. */
export async function readTasks(client: ECSClient, cluster: string): Promise<Task[]> {
  const arns = await listAll((nextToken) =>
    callAws({ action: "ecs:ListTasks", resource: `cluster ${cluster}` }, async () => {
      const page = await client.send(
        new ListTasksCommand({ cluster, desiredStatus: "RUNNING", nextToken, maxResults: 100 }),
      );
      return { items: page.taskArns ?? [], nextToken: page.nextToken };
    }),
  );
  const action = "ecs:DescribeTasks";
  const tasks: Task[] = [];
  for (const batch of chunk(arns, DESCRIBE_BATCH_LIMIT)) {
    const response = await callAws({ action, resource: `cluster ${cluster}` }, () =>
      client.send(new DescribeTasksCommand({ cluster, tasks: batch })),
    );
    missingArns(response.failures, action); // a task that stopped since the list is simply absent
    tasks.push(...(response.tasks ?? []));
  }
  return tasks;
}

/** Service name → its current task definition ARN; services ECS does not know are left out. */
export async function readServiceTaskDefinitions(
  client: ECSClient,
  cluster: string,
  serviceNames: readonly string[],
): Promise<Map<string, string>> {
  const action = "ecs:DescribeServices";
  const byService = new Map<string, string>();
  for (const batch of chunk([...new Set(serviceNames)], DESCRIBE_SERVICES_BATCH)) {
    const response = await callAws({ action, resource: `cluster ${cluster}` }, () =>
      client.send(new DescribeServicesCommand({ cluster, services: batch })),
    );
    missingArns(response.failures, action);
    for (const s of response.services ?? []) {
      if (s.serviceName && s.taskDefinition) byService.set(s.serviceName, s.taskDefinition);
    }
  }
  return byService;
}

/** Memoizes DescribeTaskDefinition for one read of the cluster: many tasks share a few revisions. */
export function taskDefinitionReader(client: ECSClient): (arn: string) => Promise<TaskDefinition> {
  const cache = new Map<string, Promise<TaskDefinition>>();
  return (arn) => {
    let pending = cache.get(arn);
    if (pending === undefined) {
      pending = callAws({ action: "ecs:DescribeTaskDefinition", resource: arn }, async () => {
        const response = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
        return response.taskDefinition ?? {};
      });
      cache.set(arn, pending);
    }
    return pending;
  };
}

async function listAll(
  page: (nextToken: string | undefined) => Promise<{ items: string[]; nextToken: string | undefined }>,
): Promise<string[]> {
  const items: string[] = [];
  let nextToken: string | undefined;
  do {
    const result = await page(nextToken);
    items.push(...result.items);
    nextToken = result.nextToken;
  } while (nextToken);
  return items;
}
