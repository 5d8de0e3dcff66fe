import type { FleetSpec } from "../fleet/fleet-plan.ts";
import type { AwsSide } from "./aws-side.ts";
import { EmulatedAws } from "./emulated-aws.ts";

/** The emulated AWS in this process, for tests: no IPC, and its state can be inspected. */
export function inProcessAws(spec: FleetSpec): AwsSide & { aws: EmulatedAws } {
  const aws = new EmulatedAws(spec);
  return {
    aws,
    call: async (service, operation, body) => aws.call(service, operation, body),
    advanceTo: async (time) => aws.advanceTo(time),
    report: async () => aws.report(),
    resetUsage: async () => aws.usage.reset(),
    idle: () => undefined,
    pending: () => 0,
    hold: () => {},
    flush: () => {},
    close: async () => {},
  };
}
