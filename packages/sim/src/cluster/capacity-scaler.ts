// The cluster stage under test: runs every `intervalSeconds`, right after the service scalers, and sets the
// cluster's instance count (and, for Gantry, drains instances).
import type { ServiceDemand, TaskFootprint } from "@gantry/core";
import type { Ec2Cluster } from "./ec2-cluster.ts";

export interface CapacityView {
  readonly now: number;
  readonly cluster: Ec2Cluster;
  /** Each service after this pass's service scaler; `scalingOut` when its desired count rose in it. */
  readonly services: readonly ServiceDemand[];
  /** Tasks ECS holds in PROVISIONING: wanted, but no instance has room. */
  readonly provisioning: readonly TaskFootprint[];
}

export interface CapacityScaler {
  readonly name: string;
  readonly intervalSeconds: number;
  step(view: CapacityView): void;
}
