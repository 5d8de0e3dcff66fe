// The `dev:` section of a gantry.yaml: how `gantry dev --config` simulates each target's service and each EC2
// group. `gantry apply` ignores it. Every field is optional: a target the section leaves out gets a synthetic
// load sized from its bounds (see service-load.ts), and a group gets 4 vCPU / 8 GiB instances.
import { TRACE_FORMATS } from "@gantry/sim";
import * as z from "zod";

const Seconds = z.number().min(0).max(86_400);

/** A trace file or folder the simulator reads (any format `gantry simulate --trace` takes). */
const TraceSchema = z.strictObject({
  /** Relative to the config file. */
  path: z.string().min(1),
  format: z.enum(TRACE_FORMATS).optional(),
  /** Rate multiplier. */
  scale: z.number().gt(0).max(1_000_000).optional(),
  /** The slice to replay: seconds, a duration such as `2h`, or an ISO-8601 instant. */
  from: z.union([z.number(), z.string()]).optional(),
  to: z.union([z.number(), z.string()]).optional(),
  /** Azure Functions 2019 only: `sum` or a function's hash. */
  function: z.string().min(1).optional(),
  seed: z.number().int().min(0).optional(),
});

/** Synthetic arrivals: perMinute × (1 + amplitude × sin(2π (t + phase) / period)), never below 0. */
const LoadSchema = z.strictObject({
  /** Mean arrivals (messages or requests) per minute. */
  perMinute: z.number().min(0).max(600_000),
  /** Above 1 the wave is cut at 0: idle stretches, where a target may scale to zero. */
  amplitude: z.number().min(0).max(10).default(0.5),
  periodMinutes: z.number().int().min(2).max(10_080).default(60),
  phaseMinutes: z.number().min(0).max(10_080).default(0),
});

const ShapeSchema = z.strictObject({
  /** CPU units: 1024 per vCPU. */
  cpu: z.number().int().min(128).max(196_608),
  /** MiB. */
  memory: z.number().int().min(128).max(1_572_864),
});

export const DevServiceSchema = z
  .strictObject({
    trace: TraceSchema.optional(),
    load: LoadSchema.optional(),
    /** Time one message or request takes on one task. */
    processingSeconds: z.number().gt(0).max(3_600).optional(),
    /** Messages or requests one task works on at once. */
    concurrency: z.number().int().min(1).max(1_000).optional(),
    /** Tasks running at the start. */
    initialTasks: z.number().int().min(0).max(10_000).optional(),
    taskStartupSeconds: Seconds.default(30),
    /** What one task reserves on an EC2 instance (targets with `capacity`); default 1 vCPU / 2 GiB. */
    task: ShapeSchema.default({ cpu: 1024, memory: 2048 }),
  })
  .refine((s) => s.trace === undefined || s.load === undefined, {
    message: "give either trace or load, not both",
    path: ["load"],
  });

export const DevGroupSchema = z.strictObject({
  instance: ShapeSchema.default({ cpu: 4096, memory: 8192 }),
  /** From launch to in service. */
  launchSeconds: Seconds.default(120),
  /** Instances in service at the start; default enough for the initial tasks and the headroom. */
  initialInstances: z.number().int().min(0).max(10_000).optional(),
});

export const DevSectionSchema = z.strictObject({
  /** Seed of the simulated account's random draws. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(0),
  /** By target id (`service/<cluster>/<service>`). */
  services: z.record(z.string(), DevServiceSchema).default({}),
  /** By capacity name (a target's `capacity.name`). */
  capacity: z.record(z.string(), DevGroupSchema).default({}),
});

export type DevSection = z.output<typeof DevSectionSchema>;
export type DevService = z.output<typeof DevServiceSchema>;
export type DevGroup = z.output<typeof DevGroupSchema>;
export type DevTrace = z.output<typeof TraceSchema>;
export type DevLoad = z.output<typeof LoadSchema>;
