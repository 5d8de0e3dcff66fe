// What the Lambda side asks the emulated AWS over the child process's IPC channel (in batches: an array of
// requests per message, an array of responses back), and how each is answered.
import type { FleetSpec } from "../fleet/fleet-plan.ts";

export type AwsRequest = { id: number } & (
  | { kind: "setup"; spec: FleetSpec }
  | { kind: "call"; service: string; operation: string; body: string }
  | { kind: "advanceTo"; time: number }
  | { kind: "report" }
  | { kind: "resetUsage" }
);

export type AwsResponse = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: string });
