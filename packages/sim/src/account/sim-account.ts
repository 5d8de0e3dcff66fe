// The simulated AWS account: ECS services, each with its SQS queue and CloudWatch metrics, on a virtual
// clock that only moves when told to (`advanceTo` / `advance`). Same seed and same calls → same state.
//
// Time advances in sample ticks (every `sampleSeconds`, aligned to the epoch so minutes start on a tick).
// Between ticks each service processes its events in time order; at a tick every service samples its
// state for CloudWatch. Services interact only through placement, whose retries happen at ticks.
import { type Clock, NotFoundError, parseServiceId, ValidationError } from "@gantry/core";
import type { DesiredHistory } from "./desired-history.ts";
import { fargatePlacement, type PlacementHook } from "./placement.ts";
import { createPrng, streamSeed } from "./prng.ts";
import {
  checkNumber,
  resolveServiceSettings,
  type ServiceDefaults,
  type ServiceSpec,
} from "./service-settings.ts";
import { SimService } from "./sim-service.ts";

export interface SimAccountOptions extends ServiceDefaults {
  /** Epoch ms of the start of the simulation; default 0. */
  readonly startMs?: number;
  /** Seed of every random draw (an integer in [0, 2^53)); default 0. */
  readonly seed?: number;
  /** Sampling step of CloudWatch gauges and queue attributes; divides 60; default 1. */
  readonly sampleSeconds?: number;
  /** Where tasks may start; default Fargate (always). */
  readonly placement?: PlacementHook;
  /** Used in queue URLs; defaults us-east-1 and 000000000000. */
  readonly region?: string;
  readonly accountId?: string;
  /** Records every UpdateService the account applies (fault suites); default none. */
  readonly history?: DesiredHistory<unknown>;
}

export class SimAccount {
  readonly clock: Clock;
  readonly #options: SimAccountOptions;
  readonly #seed: number;
  readonly #sampleMs: number;
  readonly #services: SimService[] = [];
  #now: number;
  #nextTick: number;

  constructor(options: SimAccountOptions = {}) {
    this.#options = options;
    this.#now = options.startMs ?? 0;
    this.#seed = options.seed ?? 0;
    const sampleSeconds = options.sampleSeconds ?? 1;
    checkNumber(this.#now, "startMs", 0);
    checkNumber(this.#seed, "seed", 0, true);
    if (!(sampleSeconds > 0 && Number.isInteger(60 / sampleSeconds))) {
      throw new ValidationError(`sampleSeconds ${sampleSeconds} must divide 60`, "sampleSeconds");
    }
    this.#sampleMs = sampleSeconds * 1000;
    this.#nextTick = Math.ceil(this.#now / this.#sampleMs) * this.#sampleMs;
    this.clock = { now: () => this.#now };
  }

  /** Virtual time, epoch ms. */
  now(): number {
    return this.#now;
  }

  get services(): readonly SimService[] {
    return this.#services;
  }

  /** Adds a service and its queue at the current time; its trace (if any) starts now. */
  addService(spec: ServiceSpec): SimService {
    const { region = "us-east-1", accountId = "000000000000" } = this.#options;
    const settings = resolveServiceSettings(spec, this.#options, { region, accountId });
    if (this.#services.some((s) => s.id === settings.id || s.queueName === settings.queueName)) {
      throw new ValidationError(
        `service ${settings.id} or queue ${settings.queueName} exists already`,
        "name",
      );
    }
    const stream = this.#services.length * 2;
    const service = new SimService({
      settings,
      startMs: this.#now,
      sampleMs: this.#sampleMs,
      placement: this.#options.placement ?? fargatePlacement,
      arrivalRandom: createPrng(streamSeed(this.#seed, stream)),
      noiseRandom: createPrng(streamSeed(this.#seed, stream + 1)),
    });
    this.#services.push(service);
    return service;
  }

  findService(id: string): SimService | undefined {
    return this.#services.find((s) => s.id === id);
  }

  /** A cluster exists while a service lives in it, as the account has no other clusters. */
  hasCluster(name: string): boolean {
    return this.#services.some((s) => parseServiceId(s.id).cluster === name);
  }

  /** By queue URL or queue name. */
  findQueue(urlOrName: string): SimService | undefined {
    return this.#services.find((s) => s.queueUrl === urlOrName || s.queueName === urlOrName);
  }

  /** UpdateService desiredCount; NotFoundError for an unknown service. */
  setDesiredCount(id: string, desired: number): void {
    checkNumber(desired, "desiredCount", 0, true);
    const service = this.#service(id);
    const from = service.ecs.desired;
    service.ecs.setDesired(desired, this.#now);
    this.#options.history?.record({
      resource: id,
      action: "UpdateService",
      from,
      to: desired,
      at: this.#now,
    });
  }

  /** Sends `count` messages now, each taking `processingTimeSeconds` (default the service's). */
  send(queueUrl: string, count: number, processingTimeSeconds?: number): void {
    checkNumber(count, "count", 0, true);
    const service = this.findQueue(queueUrl);
    if (service === undefined) throw new NotFoundError(`no queue ${queueUrl}`, "queueUrl");
    const seconds = processingTimeSeconds ?? service.settings.processingTimeSeconds;
    checkNumber(seconds, "processingTimeSeconds", 0);
    for (let i = 0; i < count; i++) service.ecs.send(this.#now, seconds * 1000);
  }

  /**
   * Moves the clock to `time` (epoch ms, not before now) and processes everything that happens up to and
   * including it. A tick's sample sees the state just before the tick's own events.
   */
  advanceTo(time: number): void {
    if (!(time >= this.#now) || !Number.isFinite(time)) {
      throw new ValidationError(`cannot advance to ${time}: now is ${this.#now}`, "time");
    }
    const services = this.#services;
    for (;;) {
      const next = Math.min(this.#nextTick, time);
      for (const service of services) service.ecs.runUntil(next);
      this.#now = next;
      if (next === this.#nextTick) {
        for (const service of services) service.sample(next);
        this.#nextTick += this.#sampleMs;
      }
      if (next >= time) break;
    }
    for (const service of services) service.ecs.runUntil(time, true);
  }

  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  #service(id: string): SimService {
    const service = this.findService(id);
    if (service === undefined) throw new NotFoundError(`no service ${id}`, "id");
    return service;
  }
}
