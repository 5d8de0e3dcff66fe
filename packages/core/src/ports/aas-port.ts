/**
 * Application Auto Scaling, narrowed to the one question the tick asks: which ECS services is it still scaling?
 * A service in the set has another controller, and Gantry holds it unless its target says `takeOver`.
 */
export interface ApplicationAutoScalingPort {
  /** `service/<cluster>/<service>` of every ECS scalable target registered in the region. */
  registeredServices(): Promise<ReadonlySet<string>>;
}
