// The edits the API's routes make to a copy of a target's config, before config-writes validates and writes it.
import type { TargetConfig } from "@gantry/core";

/** Which directions a suspend or resume switches: the flags set to true. */
export interface SuspendFlags {
  dynamicScalingIn?: boolean | undefined;
  dynamicScalingOut?: boolean | undefined;
  scheduledScaling?: boolean | undefined;
}

/** Sets the directions `flags` names to suspended (`value` true) or resumed (false). */
export function setSuspended(config: TargetConfig, flags: SuspendFlags, value: boolean): TargetConfig {
  const state = config.target.suspendedState;
  if (flags.dynamicScalingIn) state.dynamicScalingInSuspended = value;
  if (flags.dynamicScalingOut) state.dynamicScalingOutSuspended = value;
  if (flags.scheduledScaling) state.scheduledScalingSuspended = value;
  return config;
}

export function setDryRun(config: TargetConfig, dryRun: boolean): TargetConfig {
  config.target.dryRun = dryRun;
  return config;
}

/** The lists whose items the API addresses by name. */
export type NamedList = "policies" | "scheduledActions";

export function hasItem(config: TargetConfig, list: NamedList, name: string): boolean {
  return config[list].some((item) => item.name === name);
}

/** Replaces the item of that name in place (order matters for reports), or appends it. */
export function upsertItem(config: TargetConfig, list: NamedList, item: { name: string }): unknown {
  const items: { name: string }[] = [...config[list]];
  const index = items.findIndex((existing) => existing.name === item.name);
  if (index >= 0) items[index] = item;
  else items.push(item);
  return { ...config, [list]: items };
}

export function withoutItem(config: TargetConfig, list: NamedList, name: string): unknown {
  return { ...config, [list]: config[list].filter((item: { name: string }) => item.name !== name) };
}
