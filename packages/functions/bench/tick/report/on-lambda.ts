import { vcpuShare } from "../../../src/lambda-sizing.ts";

/**
 * A measured pass's time on a tick of `memoryMb`, which gets a share of a vCPU (lambda-sizing.ts): its CPU work
 * stretched by that share, its waits as they were. An estimate: it assumes no CPU work overlapped a wait.
 */
export function onLambdaSeconds(pass: { seconds: number; cpuSeconds: number }, memoryMb: number): number {
  return pass.seconds + pass.cpuSeconds * (1 / vcpuShare(memoryMb) - 1);
}
