// Ports for the cluster stage (issue D). They live here until issue D moves them into @gantry/core.
// Errors, as for the core ports: ThrottledError (retryable), NotFoundError (no such group, instance or capacity
// provider), ValidationError (bad input), ConflictError (a scaling activity or update is already under way).

/** One EC2 instance as DescribeAutoScalingGroups reports it. */
export interface AsgInstance {
  id: string;
  /** `InService`, `Pending`, `Terminating`, … as Auto Scaling spells them. */
  lifecycleState: string;
  /** `Healthy` or `Unhealthy`. */
  healthStatus: string;
  protectedFromScaleIn: boolean;
  availabilityZone: string;
  instanceType: string | undefined;
}

/** An Auto Scaling group's capacity. Counts are instances. */
export interface AsgGroup {
  name: string;
  desiredCapacity: number;
  minSize: number;
  maxSize: number;
  instances: AsgInstance[];
}

/** EC2 Auto Scaling, narrowed to what the cluster stage needs. */
export interface AsgPort {
  /** NotFoundError when the group does not exist. */
  describeGroup(name: string): Promise<AsgGroup>;
  /** SetDesiredCapacity without honouring the group's cooldown: Gantry keeps its own. */
  setDesiredCapacity(name: string, desiredCapacity: number): Promise<void>;
  /** Any number of ids; adapters batch them 50 per SetInstanceProtection call. */
  setInstanceProtection(
    name: string,
    instanceIds: readonly string[],
    protectedFromScaleIn: boolean,
  ): Promise<void>;
  /** TerminateInstanceInAutoScalingGroup with ShouldDecrementDesiredCapacity, one call per instance. */
  terminateInstances(instanceIds: readonly string[]): Promise<void>;
}

/** An ECS capacity provider's managed scaling settings, with ECS's defaults filled in. */
export interface ManagedScalingSettings {
  enabled: boolean;
  /** Percent, 1–100. */
  targetCapacity: number;
  minimumScalingStepSize: number;
  maximumScalingStepSize: number;
  /** Seconds. */
  instanceWarmupPeriod: number;
}

export interface CapacityProviderSnapshot {
  name: string;
  /** `ACTIVE` or `INACTIVE`. */
  status: string;
  autoScalingGroupArn: string;
  managedScaling: ManagedScalingSettings;
  managedTerminationProtection: boolean;
  managedDraining: boolean;
}

/** The whole managed scaling block, because ECS fills omitted fields with defaults: read, change, write back. */
export interface CapacityProviderUpdate {
  managedScaling: ManagedScalingSettings;
  managedTerminationProtection?: boolean;
  managedDraining?: boolean;
}

/** ECS container instances and ASG capacity providers. */
export interface EcsCapacityPort {
  /** Set instances to DRAINING, 10 per call. ARNs ECS does not know come back in `missing`. */
  drainContainerInstances(
    cluster: string,
    containerInstanceArns: readonly string[],
  ): Promise<{ missing: string[] }>;
  /** NotFoundError when it does not exist; ValidationError when it is not backed by an Auto Scaling group. */
  describeCapacityProvider(name: string): Promise<CapacityProviderSnapshot>;
  updateCapacityProvider(name: string, update: CapacityProviderUpdate): Promise<void>;
}
