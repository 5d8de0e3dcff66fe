import type { ClusterSnapshot, SeriesSample } from "@gantry/core";

/** A capacity group as a pass saw it: the group's desired capacity and its instances by state. */
export function capacitySample(snapshot: ClusterSnapshot, at: number): SeriesSample {
  let inService = 0;
  let pending = 0;
  let draining = 0;
  let kept = 0;
  for (const instance of snapshot.instances) {
    if (instance.draining) draining += 1;
    else if (instance.lifecycle === "InService") inService += 1;
    else if (instance.lifecycle === "Pending") pending += 1;
    if (instance.protectedFromScaleIn) kept += 1;
  }
  return { at, desired: snapshot.groupDesired, running: inService, pending, draining, protected: kept };
}
