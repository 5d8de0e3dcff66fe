// Least-privilege IAM for the handlers, as plain data so that test/infra can assert it without SST.
//
// Condition keys, per the AWS Service Authorization Reference (SAR):
// - ecs:UpdateService (service), ecs:UpdateCapacityProvider (capacity-provider) and
//   ecs:UpdateContainerInstancesState (container-instance) are resource-level actions whose resource types accept
//   `aws:ResourceTag/${TagKey}` (and `ecs:ResourceTag/${TagKey}`). Container instances carry their own tags: set
//   ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM=ec2_instance in the agent config (or ECS_CONTAINER_INSTANCE_TAGS) so
//   the ASG's `gantry:managed=true` tag reaches them, or Gantry is denied draining them.
// - autoscaling:SetDesiredCapacity, autoscaling:SetInstanceProtection and
//   autoscaling:TerminateInstanceInAutoScalingGroup act on autoScalingGroup, which accepts both
//   `aws:ResourceTag/${TagKey}` and `autoscaling:ResourceTag/${TagKey}`; the global key is used for all six.
// - The cluster stage's reads, as tightly as each API allows: ecs:ListContainerInstances on clusters,
//   ecs:DescribeContainerInstances on container instances, ecs:DescribeTasks on tasks. ecs:ListTasks is listed by
//   cluster (no container instance in the request), where its `container-instance` resource type cannot match:
//   "*". ecs:DescribeTaskDefinition has no resource-level support: "*".
// - Reads with no resource-level support need "*": ecs:DescribeCapacityProviders,
//   autoscaling:DescribeAutoScalingGroups, ecs:DescribeTaskDefinition, cloudwatch:GetMetricData.
//   cloudwatch:DescribeAlarms is given "*" too: Gantry lists by AlarmNamePrefix (a list call, not a per-alarm
//   one), and it only reads.
// - cloudwatch:PutMetricAlarm / DeleteAlarms are resource-level (alarm): limited to this stage's name prefix,
//   `gantry-<stage>-` (alarmNamePrefix in packages/runtime/src/alarm-names.ts), so one stage's tick cannot write
//   another's alarms. A prefix cannot tell `dev` from `dev-a` (`gantry-dev-*` covers both); the tick's own
//   exact-name check keeps those apart.
// - DynamoDB: the four item calls the store makes, on the state table only. Not SST's `link`, which grants
//   `dynamodb:*` on the table.

/** The shape of `sst.aws.Function`'s `permissions` items; `R` lets resources be Pulumi outputs. */
export interface Permission<R = string> {
  actions: string[];
  resources: R[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/** The tag that opts an ECS service, capacity provider, container instance or ASG into Gantry's writes. */
export const MANAGED_TAG = { key: "gantry:managed", value: "true" } as const;

const managedOnly = [
  { test: "StringEquals", variable: `aws:ResourceTag/${MANAGED_TAG.key}`, values: [MANAGED_TAG.value] },
];

/** Scaling a service (tick, alarm, and the API's manual desired count). */
export const scaleServices: Permission = {
  actions: ["ecs:UpdateService"],
  resources: ["arn:aws:ecs:*:*:service/*"],
  conditions: managedOnly,
};

/**
 * EC2 capacity: the ASG size, scale-in protection, draining, terminating drained instances, and the capacity
 * provider's managed scaling.
 */
export const scaleCapacity: Permission = {
  actions: [
    "autoscaling:SetDesiredCapacity",
    "autoscaling:SetInstanceProtection",
    "autoscaling:TerminateInstanceInAutoScalingGroup",
    "ecs:UpdateContainerInstancesState",
    "ecs:UpdateCapacityProvider",
  ],
  resources: [
    "arn:aws:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/*",
    "arn:aws:ecs:*:*:container-instance/*",
    "arn:aws:ecs:*:*:capacity-provider/*",
  ],
  conditions: managedOnly,
};

/** DescribeServices is resource-level: services only. */
export const describeServices: Permission = {
  actions: ["ecs:DescribeServices"],
  resources: ["arn:aws:ecs:*:*:service/*"],
};

/** Reads that the APIs only authorize on "*" (see above). */
export const describeCapacity: Permission = {
  actions: [
    "ecs:DescribeCapacityProviders",
    "autoscaling:DescribeAutoScalingGroups",
    "ecs:ListTasks",
    "ecs:DescribeTaskDefinition",
  ],
  resources: ["*"],
};

/** The cluster stage's resource-level reads: a cluster's container instances and the tasks placed on them. */
export const describeClusters: Permission = {
  actions: ["ecs:ListContainerInstances", "ecs:DescribeContainerInstances", "ecs:DescribeTasks"],
  resources: ["arn:aws:ecs:*:*:cluster/*", "arn:aws:ecs:*:*:container-instance/*", "arn:aws:ecs:*:*:task/*"],
};

export const readMetrics: Permission = {
  actions: ["cloudwatch:GetMetricData"],
  resources: ["*"],
};

/** Queue depth for SQS-backed policies (resource-level: queues only). */
export const readQueues: Permission = {
  actions: ["sqs:GetQueueAttributes"],
  resources: ["arn:aws:sqs:*:*:*"],
};

/** Which services Application Auto Scaling still scales, to leave them alone (list call: "*"). */
export const readScalableTargets: Permission = {
  actions: ["application-autoscaling:DescribeScalableTargets"],
  resources: ["*"],
};

/** Listing Gantry's alarms to reconcile them (list call: "*"). */
export const listAlarms: Permission = {
  actions: ["cloudwatch:DescribeAlarms"],
  resources: ["*"],
};

/** Where this stage's managed alarm names start (alarmNamePrefix in packages/runtime/src/alarm-names.ts). */
export function stageAlarmPrefix(stage: string): string {
  return `gantry-${stage}-`;
}

/** Creating, updating and deleting this stage's own alarms, by name prefix. */
export function writeAlarms(stage: string): Permission {
  return {
    actions: ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms"],
    resources: [`arn:aws:cloudwatch:*:*:alarm:${stageAlarmPrefix(stage)}*`],
  };
}

/**
 * The state store's calls (packages/aws/src/dynamodb), one table: conditional item writes, queries, the batched
 * reads of the target listing, and the delete that finishes moving a legacy target item to its shard.
 */
export function useTable<R>(tableArn: R): Permission<R> {
  return {
    actions: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
      "dynamodb:Query",
    ],
    resources: [tableArn],
  };
}

/** Publishing activities to one bus. */
export function publishEvents<R>(busArn: R): Permission<R> {
  return { actions: ["events:PutEvents"], resources: [busArn] };
}

/** Sending a failed async invocation to its on-failure destination. */
export function sendToQueue<R>(queueArn: R): Permission<R> {
  return { actions: ["sqs:SendMessage"], resources: [queueArn] };
}

/** Active tracing: sending segments to X-Ray (no resource-level support: "*"). Every function gets it. */
export const writeTraces: Permission = {
  actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
  resources: ["*"],
};

/** What every reconciling function needs: its state, the scaling writes, the observation reads, its events. */
function reconcilePermissions<R>(tableArn: R, busArn: R): Permission<R | string>[] {
  return [
    useTable(tableArn),
    scaleServices,
    scaleCapacity,
    describeServices,
    describeCapacity,
    describeClusters,
    readMetrics,
    readQueues,
    readScalableTargets,
    publishEvents(busArn),
    writeTraces,
  ];
}

/** `tick`: the full reconcile, including this stage's managed alarms (only full passes sync them). */
export function tickPermissions<R>(tableArn: R, busArn: R, stage: string): Permission<R | string>[] {
  return [...reconcilePermissions(tableArn, busArn), listAlarms, writeAlarms(stage)];
}

/** `alarm`: reconciles one target and never syncs alarms, so no alarm permissions. */
export function alarmPermissions<R>(tableArn: R, busArn: R, failureQueueArn: R): Permission<R | string>[] {
  return [...reconcilePermissions(tableArn, busArn), sendToQueue(failureQueueArn)];
}

/** Starting one function asynchronously (InvocationType Event). */
export function invokeFunction<R>(functionArn: R): Permission<R> {
  return { actions: ["lambda:InvokeFunction"], resources: [functionArn] };
}

/** `api`: live counts, the manual desired count, the series charts, and starting backtest jobs. */
export function apiPermissions<R>(tableArn: R, backtestArn: R): Permission<R | string>[] {
  return [
    useTable(tableArn),
    describeServices,
    scaleServices,
    readMetrics,
    invokeFunction(backtestArn),
    writeTraces,
  ];
}

/** `backtest`: reads and updates its job in the state table, and traces; the simulation is in memory. */
export function backtestPermissions<R>(tableArn: R): Permission<R | string>[] {
  return [useTable(tableArn), writeTraces];
}
