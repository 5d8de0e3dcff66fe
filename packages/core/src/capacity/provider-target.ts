import type { CapacityProviderState } from "../ports/capacity-port.ts";
import type { CapacityConfig } from "./capacity-config.ts";

/**
 * The capacity block as planned for an ECS capacity provider: `targetCapacity` is the lower of the block's and
 * the provider's. The provider's setting keeps its meaning after Gantry takes managed scaling over (tasks use at
 * most that share of the instances, as ECS's own scaling aimed for), and a lower block value keeps more spare.
 */
export function withProviderTarget(
  config: CapacityConfig,
  provider: Pick<CapacityProviderState, "targetCapacity"> | undefined,
): CapacityConfig {
  if (provider === undefined || provider.targetCapacity >= config.targetCapacity) return config;
  return { ...config, targetCapacity: provider.targetCapacity };
}
