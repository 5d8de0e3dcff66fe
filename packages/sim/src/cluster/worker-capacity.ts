// The capacity settings Gantry recommends for SQS worker fleets on EC2, as the default worker policy is for the
// service scaler: `gantry simulate --cluster ec2` and the bench use them unless a target's `capacity` says
// otherwise. The schema's own defaults stay ECS's and cluster-autoscaler's.
import type { CapacityConfigInput } from "@gantry/core";

export type CapacitySettings = Omit<CapacityConfigInput, "mode" | "name" | "maxInstances">;

/**
 * Room for one more task at all times, so that the first task of a rise starts at once instead of waiting for a
 * launch; warm-up equal to the launch time, since an instance in service takes tasks at once. Scale-in keeps its
 * 10-minute defaults: shorter ones saved instance-hours on one trace pair and cost them back in relaunches (and
 * waits) on others (bench/results/ec2.md).
 */
export function workerCapacity(launchSeconds: number): CapacitySettings {
  return { headroomTasks: 1, instanceWarmupSeconds: launchSeconds };
}
