import {
  type AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
  SetInstanceProtectionCommand,
} from "@aws-sdk/client-auto-scaling";
import {
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
  ListContainerInstancesCommand,
  ListTasksCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { targetKey } from "@gantry/aws";
import type { TargetConfigInput } from "@gantry/core";
import type { AwsClientStub } from "aws-sdk-client-mock";

// SDK responses for one ECS service on an EC2 cluster whose Auto Scaling group has a single instance, full of
// the service's tasks: what tick's stage 1 (service) and stage 2 (capacity) read, as the AWS APIs return it.

export const CLUSTER = "prod";
export const SERVICE_ID = `service/${CLUSTER}/worker`;
export const GROUP = "workers";
export const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/worker-jobs";
export const INSTANCE_ID = "i-0a1b2c3d4e5f60001";

const ACCOUNT = "arn:aws:ecs:eu-west-1:123456789012";
const TASK_DEFINITION = `${ACCOUNT}:task-definition/worker:7`;
const CONTAINER_INSTANCE = `${ACCOUNT}:container-instance/${CLUSTER}/0f1e2d3c4b5a`;

/** Target tracking on the queue's backlog per task (read live): 10 messages per task, acting on one reading. */
export function workerTarget(capacity?: TargetConfigInput["target"]["capacity"]): TargetConfigInput {
  return {
    target: { id: SERVICE_ID, minCapacity: 1, maxCapacity: 20, ...(capacity && { capacity }) },
    policies: [
      {
        name: "backlog",
        type: "TargetTracking",
        targetValue: 10,
        metric: { sqs: { queueUrl: QUEUE_URL } },
        scaleOutCooldown: 0,
        evaluation: { scaleOutDatapoints: 1 },
      },
    ],
  };
}

/** The item the state table's Query on the target's shard returns for a target stored at `version`, never decided. */
export function targetItem(config: TargetConfigInput, version: number, updatedAt: number) {
  return { ...targetKey(config.target.id), config, version, updatedAt };
}

/** GetQueueAttributes: `visible` messages waiting, none in flight. */
export function mockQueue(sqs: AwsClientStub<SQSClient>, visible: number): void {
  sqs.on(GetQueueAttributesCommand, { QueueUrl: QUEUE_URL }).resolves({
    Attributes: {
      ApproximateNumberOfMessages: String(visible),
      ApproximateNumberOfMessagesNotVisible: "0",
      ApproximateNumberOfMessagesDelayed: "0",
    },
  });
}

/**
 * The service at `tasks` running tasks of 1 vCPU and 2 GiB (DescribeServices serves stage 1's snapshot and stage
 * 2's task definition lookup alike), and UpdateService accepted.
 */
export function mockService(ecs: AwsClientStub<ECSClient>, tasks: number): void {
  ecs.on(DescribeServicesCommand).resolves({
    services: [
      {
        serviceName: "worker",
        serviceArn: `${ACCOUNT}:service/${CLUSTER}/worker`,
        status: "ACTIVE",
        desiredCount: tasks,
        runningCount: tasks,
        pendingCount: 0,
        taskDefinition: TASK_DEFINITION,
        deployments: [{ status: "PRIMARY", rolloutState: "COMPLETED" }],
      },
    ],
    failures: [],
  });
  ecs.on(UpdateServiceCommand).resolves({});
  ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: TASK_DEFINITION }).resolves({
    taskDefinition: {
      taskDefinitionArn: TASK_DEFINITION,
      networkMode: "awsvpc",
      cpu: "1024",
      memory: "2048",
      containerDefinitions: [{ name: "worker", image: "worker:7" }],
    },
  });
}

/**
 * The Auto Scaling group: one InService instance (2 vCPU, 4 GiB registered with ECS) running `tasks` of the
 * service's tasks, desired capacity 1 of MaxSize `maxSize`. Its writes are accepted.
 */
export function mockGroup(
  autoScaling: AwsClientStub<AutoScalingClient>,
  ecs: AwsClientStub<ECSClient>,
  options: { tasks: number; maxSize: number; now: number },
): void {
  autoScaling.on(DescribeAutoScalingGroupsCommand).resolves({
    AutoScalingGroups: [
      {
        AutoScalingGroupName: GROUP,
        DesiredCapacity: 1,
        MinSize: 0,
        MaxSize: options.maxSize,
        DefaultCooldown: 300,
        AvailabilityZones: ["eu-west-1a"],
        HealthCheckType: "EC2",
        CreatedTime: new Date(0),
        Instances: [
          {
            InstanceId: INSTANCE_ID,
            InstanceType: "m7g.large",
            AvailabilityZone: "eu-west-1a",
            LifecycleState: "InService",
            HealthStatus: "Healthy",
            ProtectedFromScaleIn: false,
          },
        ],
      },
    ],
  });
  autoScaling.on(SetDesiredCapacityCommand).resolves({});
  autoScaling.on(SetInstanceProtectionCommand).resolves({});

  ecs.on(ListContainerInstancesCommand).resolves({ containerInstanceArns: [CONTAINER_INSTANCE] });
  ecs.on(DescribeContainerInstancesCommand).resolves({
    containerInstances: [
      {
        containerInstanceArn: CONTAINER_INSTANCE,
        ec2InstanceId: INSTANCE_ID,
        status: "ACTIVE",
        registeredAt: new Date(options.now - 3_600_000),
        registeredResources: [
          { name: "CPU", type: "INTEGER", integerValue: 2048 },
          { name: "MEMORY", type: "INTEGER", integerValue: 4096 },
        ],
      },
    ],
  });
  const taskArns = Array.from({ length: options.tasks }, (_, i) => `${ACCOUNT}:task/${CLUSTER}/t${i}`);
  ecs.on(ListTasksCommand).resolves({ taskArns });
  ecs.on(DescribeTasksCommand).resolves({
    tasks: taskArns.map((taskArn) => ({
      taskArn,
      containerInstanceArn: CONTAINER_INSTANCE,
      group: "service:worker",
      taskDefinitionArn: TASK_DEFINITION,
      lastStatus: "RUNNING",
    })),
  });
}
