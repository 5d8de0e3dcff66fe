// How big the control loop's functions are, in one place for infra (control-loop.ts) and the tick bench.

/**
 * Lambda's memory for the tick (by default) and the alarm function: enough heap for 10,000 targets, but only
 * 0.29 of a vCPU, which a pass's CPU work outgrows first (bench:tick; `GANTRY_TICK_MEMORY_MB` sizes the tick).
 */
export const CONTROL_LOOP_MEMORY_MB = 512;

/** Lambda's bounds on a function's memory, MB. */
export const LAMBDA_MEMORY_MB = { min: 128, max: 10_240 } as const;

/** A memory size in MB given as text (a deploy setting, a bench flag); throws naming `name` when it is not one. */
export function parseMemoryMb(value: string, name: string): number {
  const mb = Number(value);
  if (!/^\d+$/.test(value.trim()) || mb < LAMBDA_MEMORY_MB.min || mb > LAMBDA_MEMORY_MB.max)
    throw new Error(
      `${name} must be a whole number of MB from ${LAMBDA_MEMORY_MB.min} to ${LAMBDA_MEMORY_MB.max}; got "${value}"`,
    );
  return mb;
}

/** Lambda gives a function one vCPU at 1,769 MB, and a share in proportion below that. */
export const MEMORY_MB_PER_VCPU = 1_769;

/** The share of a vCPU a function of `memoryMb` gets (1 at 1,769 MB and above, for one thread). */
export function vcpuShare(memoryMb: number): number {
  return Math.min(1, memoryMb / MEMORY_MB_PER_VCPU);
}

/**
 * V8's heap limits for a function of `memoryMb`, as NODE_OPTIONS. Unbounded, V8 grows its heap lazily, far past
 * what a pass keeps alive (10,000 targets: 78 MB live, 595 MB resident), and Lambda stops a function that passes
 * its memory; bounded, it collects sooner instead. The old space gets 60 % of the memory; the young generation
 * (three semi-spaces) about 10 %; the rest is code, the runtime and buffers. (Were Lambda's runtime to pass its
 * own limits on the command line, those would win.)
 */
export function nodeOptionsFor(memoryMb: number): string {
  const oldSpace = Math.floor(memoryMb * 0.6);
  const semiSpace = Math.max(1, Math.min(32, Math.floor(memoryMb / 32)));
  return `--max-old-space-size=${oldSpace} --max-semi-space-size=${semiSpace}`;
}
