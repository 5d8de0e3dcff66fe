// One simulated container instance: its lifecycle and what its tasks reserve. Tasks are counted per service
// (the placement hook names a service, never a task), which is all binpack and the planners need.

export interface InstanceShape {
  readonly cpu: number;
  readonly memory: number;
}

export class SimInstance {
  readonly id: string;
  readonly shape: InstanceShape;
  /** Epoch ms the launch was ordered, and when the instance registers with ECS (InService). */
  readonly launchTime: number;
  readonly readyAt: number;
  draining = false;
  /** Auto Scaling's scale-in protection: a lower desired capacity never picks this instance. */
  protectedFromScaleIn = false;
  usedCpu = 0;
  usedMemory = 0;
  readonly tasks = new Map<string, number>();

  constructor(id: string, shape: InstanceShape, launchTime: number, readyAt: number) {
    this.id = id;
    this.shape = shape;
    this.launchTime = launchTime;
    this.readyAt = readyAt;
  }

  inService(now: number): boolean {
    return now >= this.readyAt;
  }

  get taskCount(): number {
    let n = 0;
    for (const count of this.tasks.values()) n += count;
    return n;
  }

  get freeCpu(): number {
    return this.shape.cpu - this.usedCpu;
  }

  get freeMemory(): number {
    return this.shape.memory - this.usedMemory;
  }

  /** In service, not draining, and room for `task`. */
  accepts(task: InstanceShape, now: number): boolean {
    return (
      this.inService(now) && !this.draining && task.cpu <= this.freeCpu && task.memory <= this.freeMemory
    );
  }

  add(serviceId: string, task: InstanceShape): void {
    this.tasks.set(serviceId, (this.tasks.get(serviceId) ?? 0) + 1);
    this.usedCpu += task.cpu;
    this.usedMemory += task.memory;
  }

  remove(serviceId: string, task: InstanceShape): void {
    const count = this.tasks.get(serviceId) ?? 0;
    if (count <= 0) throw new Error(`instance ${this.id} holds no task of ${serviceId}`);
    if (count === 1) this.tasks.delete(serviceId);
    else this.tasks.set(serviceId, count - 1);
    this.usedCpu -= task.cpu;
    this.usedMemory -= task.memory;
  }
}
