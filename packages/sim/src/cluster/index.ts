// The EC2 cluster stage in the simulator (issue D): the cluster, the capacity scalers, and the run loop.
export type { CapacityScaler, CapacityView } from "./capacity-scaler.ts";
export { CapacityWaitMeter } from "./capacity-wait.ts";
export { Ec2Cluster, type Ec2ClusterOptions } from "./ec2-cluster.ts";
export {
  createEcsCas,
  ECS_CAS_METRIC_DELAY_SECONDS,
  ECS_CAS_SCALE_IN_DATAPOINTS,
  type EcsCasDatapoint,
  type EcsCasScaler,
} from "./ecs-cas.ts";
export { createGantryCapacity, type GantryCapacityScaler } from "./gantry-capacity.ts";
export {
  type CapacityScalerName,
  type ClusterServiceSpec,
  type ClusterSimulationOptions,
  type ClusterSimulationResult,
  runClusterSimulation,
} from "./run-cluster-simulation.ts";
export { createSimClusterCapacityPort, type SimClusterCapacityOptions } from "./sim-capacity-port.ts";
export { type InstanceShape, SimInstance } from "./sim-instance.ts";
export { type CapacitySettings, workerCapacity } from "./worker-capacity.ts";
