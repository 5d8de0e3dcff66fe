import { type ChildProcess, fork } from "node:child_process";
import type { Reply } from "../backend/aws-error.ts";
import type { FleetSpec } from "../fleet/fleet-plan.ts";
import type { AwsSide } from "./aws-side.ts";
import type { AwsReport } from "./emulated-aws.ts";
import type { AwsRequest, AwsResponse } from "./protocol.ts";

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Body<K extends AwsRequest["kind"]> = Omit<Extract<AwsRequest, { kind: K }>, "id">;

/** The child's entry point; a bundled Lambda side passes its path explicitly. */
export const AWS_CHILD_FILE = new URL("./aws-child.ts", import.meta.url).pathname;

/**
 * The emulated AWS in a child process. Requests made in one turn of the event loop travel as one IPC message
 * (and their answers as one); while held, until the warped clock needs answers. Each message costs a system
 * call and a wake-up of the other process, which on a busy machine is most of this process's time otherwise.
 */
export async function childProcessAws(spec: FleetSpec, childFile = AWS_CHILD_FILE): Promise<AwsSide> {
  const child: ChildProcess = fork(childFile, {
    // The Lambda side's V8 limits are the Lambda's (bench-tick.ts), not the emulated AWS's.
    execArgv: [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, Pending>();
  let outbox: AwsRequest[] = [];
  let nextId = 0;
  let idle: { promise: Promise<void>; resolve: () => void } | undefined;
  const settle = (response: AwsResponse) => {
    const waiting = pending.get(response.id);
    pending.delete(response.id);
    if (response.ok) waiting?.resolve(response.value);
    else waiting?.reject(new Error(`emulated AWS failed: ${response.error}`));
  };
  child.on("message", (responses: AwsResponse[]) => {
    for (const response of responses) settle(response);
    if (pending.size === 0) idle?.resolve();
  });
  child.on("exit", (code) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`emulated AWS exited (${code})`));
    pending.clear();
    idle?.resolve();
  });
  // Holding (the warped clock): requests wait in the outbox until the clock needs their answers.
  let holding = false;
  const flush = () => {
    if (outbox.length === 0) return;
    const batch = outbox;
    outbox = [];
    child.send(batch);
  };
  const send = <K extends AwsRequest["kind"]>(request: Body<K>): Promise<unknown> => {
    const id = nextId++;
    if (pending.size === 0) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      idle = { promise, resolve: () => resolve() };
    }
    if (outbox.length === 0 && !holding) setImmediate(flush);
    outbox.push({ ...request, id } as AwsRequest);
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  };
  await send<"setup">({ kind: "setup", spec });
  return {
    call: async (service, operation, body) =>
      (await send<"call">({ kind: "call", service, operation, body })) as Reply,
    advanceTo: async (time) => void (await send<"advanceTo">({ kind: "advanceTo", time })),
    report: async () => (await send<"report">({ kind: "report" })) as AwsReport,
    resetUsage: async () => void (await send<"resetUsage">({ kind: "resetUsage" })),
    idle: () => (pending.size === 0 ? undefined : idle?.promise),
    pending: () => pending.size,
    hold: (on) => {
      holding = on;
      if (!on) flush();
    },
    flush,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.disconnect();
      await exited;
    },
  };
}
