// A simulated EC2 cluster behind the ECS model's placement hook: one instance shape, per-service task sizes,
// binpack placement, launches that take `launchSeconds`, and draining. Deterministic: no clock of its own,
// every call carries `now` and the lifecycle is brought up to date lazily.
//
// Modelling choices (documented in the report of issue D):
// - Placement: ECS's binpack on CPU, the instance with the least remaining CPU that fits (ties: oldest).
// - Stopping: the hook names a service, not a task, so the cluster picks the instance. A draining instance
//   first; else, as ECS's binpack does on scale-in, the instance left with the most free resources.
// - Draining: takes no new task; `tick` moves each of its tasks to an instance with room (ECS starts a
//   replacement elsewhere and stops the old task; the task here keeps running, the overlap is not modelled),
//   and the instance terminates when its last task has gone (but see the last point).
// - Scale-in terminates only empty instances (managed termination protection): launching ones first, and
//   never one protected from scale-in.
// - A drained instance terminates itself once empty (the bench's model of ECS managed draining), or, with
//   `terminateDrainedWhenEmpty: false`, only when `terminate` names it, as in an Auto Scaling group whose
//   scale-in Gantry owns (sim-capacity-port.ts).
import type { InstanceState, TaskFootprint } from "@gantry/core";
import { NotFoundError, ValidationError } from "@gantry/core";
import type { PlacementHook } from "../account/placement.ts";
import { type InstanceShape, SimInstance } from "./sim-instance.ts";

export interface Ec2ClusterOptions {
  readonly instanceShape: InstanceShape;
  /** What one task of each service reserves, by service id. */
  readonly taskSizes: Readonly<Record<string, InstanceShape>>;
  /** From launch to InService; default 180. */
  readonly launchSeconds?: number;
  /** Reported in snapshots; default `sim.4vcpu`. */
  readonly instanceType?: string;
  readonly startMs?: number;
  /** Instances already InService at `startMs`; default 0. */
  readonly initialInstances?: number;
  /** Default true. False: a drained instance stays, DRAINING and maybe empty, until `terminate` names it. */
  readonly terminateDrainedWhenEmpty?: boolean;
}

export class Ec2Cluster implements PlacementHook {
  readonly shape: InstanceShape;
  readonly launchMs: number;
  readonly instanceType: string;
  /** Whether a drained instance terminates itself once empty (see the options). */
  readonly terminateDrainedWhenEmpty: boolean;
  readonly #sizes: Readonly<Record<string, InstanceShape>>;
  #live: SimInstance[] = [];
  #next = 1;
  #closedMs = 0;
  /** Tasks ever placed on an instance that was not in service or was draining: must stay 0. */
  misplaced = 0;

  constructor(options: Ec2ClusterOptions) {
    this.shape = options.instanceShape;
    this.launchMs = (options.launchSeconds ?? 180) * 1000;
    this.instanceType = options.instanceType ?? "sim.4vcpu";
    this.#sizes = options.taskSizes;
    this.terminateDrainedWhenEmpty = options.terminateDrainedWhenEmpty ?? true;
    const start = options.startMs ?? 0;
    for (let i = 0; i < (options.initialInstances ?? 0); i++) this.#launch(start, 0);
  }

  get instances(): readonly SimInstance[] {
    return this.#live;
  }

  /** What one task of `serviceId` reserves; undefined for a service the cluster does not run. */
  taskSize(serviceId: string): InstanceShape | undefined {
    return this.#sizes[serviceId];
  }

  /** Instances launching or in service and not draining: what a desired count counts. */
  usableCount(): number {
    return this.#live.filter((i) => !i.draining).length;
  }

  inServiceCount(now: number): number {
    return this.#live.filter((i) => i.inService(now)).length;
  }

  /** Instance-seconds of launching and running instances up to `now`. */
  instanceSeconds(now: number): number {
    const live = this.#live.reduce((ms, i) => ms + Math.max(0, now - i.launchTime), 0);
    return (this.#closedMs + live) / 1000;
  }

  tryPlace(serviceId: string, now: number): boolean {
    const size = this.#size(serviceId);
    const target = this.#binpack(size, now);
    if (target === undefined) return false;
    if (!target.inService(now) || target.draining) this.misplaced++;
    target.add(serviceId, size);
    return true;
  }

  release(serviceId: string, now: number): void {
    const size = this.#size(serviceId);
    const holders = this.#live.filter((i) => (i.tasks.get(serviceId) ?? 0) > 0);
    const from =
      holders.find((i) => i.draining) ??
      holders.reduce<SimInstance | undefined>((best, i) => (best && !roomier(i, best) ? best : i), undefined);
    if (from === undefined) throw new Error(`no placed task of ${serviceId} to release`);
    from.remove(serviceId, size);
    if (from.draining) this.#terminateIfDrained(from, now);
  }

  /**
   * Sets the usable instance count: launches the difference, or terminates empty instances (launching ones
   * first, then the newest) — never one with tasks or protected from scale-in. Returns the usable count
   * reached.
   */
  setDesiredInstances(desired: number, now: number): number {
    if (!(Number.isInteger(desired) && desired >= 0)) {
      throw new ValidationError(`desired instances must be an integer ≥ 0, not ${desired}`, "desired");
    }
    let usable = this.usableCount();
    for (; usable < desired; usable++) this.#launch(now, this.launchMs);
    const empty = this.#live
      .filter((i) => !(i.draining || i.protectedFromScaleIn) && i.taskCount === 0)
      .sort((a, b) => Number(a.inService(now)) - Number(b.inService(now)) || b.launchTime - a.launchTime);
    for (const instance of empty) {
      if (usable <= desired) break;
      this.#terminate(instance, now);
      usable--;
    }
    return usable;
  }

  /** Marks instances draining; empty ones terminate at once. Unknown ids are ignored (already gone). */
  drain(ids: readonly string[], now: number): void {
    for (const instance of this.#live.filter((i) => ids.includes(i.id))) {
      instance.draining = true;
      this.#terminateIfDrained(instance, now);
    }
  }

  /** Scale-in protection on or off. Unknown ids are ignored. */
  setProtection(ids: readonly string[], protect: boolean): void {
    for (const instance of this.#live) if (ids.includes(instance.id)) instance.protectedFromScaleIn = protect;
  }

  /**
   * Terminates the named instances at once, launching, in service or draining. One with tasks is refused
   * (ValidationError) and nothing is terminated: the ECS model cannot stop a task the cluster picks.
   * NotFoundError for an id that is not (or no longer) live.
   */
  terminate(ids: readonly string[], now: number): void {
    const named = [...new Set(ids)].map((id) => {
      const instance = this.#live.find((i) => i.id === id);
      if (instance === undefined) throw new NotFoundError(`no live instance ${id}`, "instanceIds");
      const n = instance.taskCount;
      if (n > 0)
        throw new ValidationError(`instance ${id} still runs ${n} task${n === 1 ? "" : "s"}`, "instanceIds");
      return instance;
    });
    for (const instance of named) this.#terminate(instance, now);
  }

  /** Moves tasks off draining instances where another instance has room. Call once per sample tick. */
  tick(now: number): void {
    for (const from of this.#live.filter((i) => i.draining)) {
      for (const [serviceId, count] of [...from.tasks]) {
        const size = this.#size(serviceId);
        for (let k = 0; k < count; k++) {
          const to = this.#binpack(size, now);
          if (to === undefined) break;
          from.remove(serviceId, size);
          to.add(serviceId, size);
        }
      }
      this.#terminateIfDrained(from, now);
    }
  }

  /** The planners' view: every live instance and its tasks, as the core's types. */
  snapshot(now: number): InstanceState[] {
    return this.#live.map((i) => ({
      id: i.id,
      instanceType: this.instanceType,
      cpu: i.shape.cpu,
      memory: i.shape.memory,
      launchTime: i.launchTime,
      protectedFromScaleIn: i.protectedFromScaleIn,
      draining: i.draining,
      tasks: [...i.tasks].flatMap(([serviceId, n]) => footprints(serviceId, this.#size(serviceId), n)),
      lifecycle: i.inService(now) ? "InService" : "Pending",
    }));
  }

  /** Binpack on CPU: the accepting instance with the least remaining CPU (then memory; ties: oldest). */
  #binpack(size: InstanceShape, now: number): SimInstance | undefined {
    let best: SimInstance | undefined;
    for (const i of this.#live) {
      if (!i.accepts(size, now)) continue;
      if (
        best === undefined ||
        i.freeCpu < best.freeCpu ||
        (i.freeCpu === best.freeCpu && i.freeMemory < best.freeMemory)
      )
        best = i;
    }
    return best;
  }

  #launch(now: number, delayMs: number): void {
    const id = `i-${String(this.#next++).padStart(4, "0")}`;
    this.#live.push(new SimInstance(id, this.shape, now, now + delayMs));
  }

  /** A draining instance just emptied: gone, unless drained instances wait for `terminate`. */
  #terminateIfDrained(instance: SimInstance, now: number): void {
    if (this.terminateDrainedWhenEmpty && instance.taskCount === 0) this.#terminate(instance, now);
  }

  #terminate(instance: SimInstance, now: number): void {
    this.#closedMs += Math.max(0, now - instance.launchTime);
    this.#live = this.#live.filter((i) => i !== instance);
  }

  #size(serviceId: string): InstanceShape {
    const size = this.#sizes[serviceId];
    if (size === undefined) throw new ValidationError(`no task size for ${serviceId}`, "taskSizes");
    return size;
  }
}

/** Does `a` have more free resources than `b` (CPU, then memory)? */
function roomier(a: SimInstance, b: SimInstance): boolean {
  return a.freeCpu > b.freeCpu || (a.freeCpu === b.freeCpu && a.freeMemory > b.freeMemory);
}

function footprints(serviceId: string, size: InstanceShape, n: number): TaskFootprint[] {
  return Array.from({ length: n }, () => ({ serviceId, cpu: size.cpu, memory: size.memory, hostPorts: [] }));
}
