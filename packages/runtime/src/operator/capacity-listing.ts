// The second stage's groups as the API lists them: which targets share each Auto Scaling group or capacity
// provider (the stage's own grouping), and what Gantry last did to it (its activities, target id `capacity/<name>`).
import { type Activity, NotFoundError, type StateStore } from "@gantry/core";
import { capacityTargetId } from "../capacity/capacity-activity.ts";
import { capacityGroups } from "../capacity/capacity-groups.ts";

/** How far back a group's listing looks for its last scale-out or scale-in. */
const RECENT = 25;

export interface CapacityGroupListing {
  name: string;
  mode: "asg" | "capacityProvider";
  /** The targets whose `capacity.name` is this group, by id. */
  targetIds: string[];
  /** Its newest scale-out or scale-in among its RECENT newest activities, else its newest; null before the first. */
  lastActivity: Activity | null;
}

/** Every group a target's capacity block names, by name (the mode is the first target's: they should agree). */
export async function listCapacityGroups(store: StateStore): Promise<CapacityGroupListing[]> {
  const groups = capacityGroups((await store.listTargets()).records.map((r) => r.config));
  const items: CapacityGroupListing[] = [];
  for (const group of groups.sort((a, b) => a.name.localeCompare(b.name))) {
    const page = await store.listActivities(capacityTargetId(group.name), { limit: RECENT });
    // Protection changes are activities too (action None); ops want the last launch or drain first.
    const scaling = page.items.find((a) => a.action !== "None");
    const { name, config, serviceIds } = group;
    items.push({
      name,
      mode: config.mode,
      targetIds: serviceIds,
      lastActivity: scaling ?? page.items[0] ?? null,
    });
  }
  return items;
}

/** NotFoundError unless some target's capacity block names `name`. */
export async function requireCapacityGroup(store: StateStore, name: string): Promise<void> {
  const { records } = await store.listTargets();
  if (!records.some((r) => r.config.target.capacity?.name === name)) {
    throw new NotFoundError(`no target's capacity block names ${name}`);
  }
}
