// The handlers the fault world invokes: the tick (sub-ticks, or one pass), the alarm, and the API, loaded on the
// first request. Each call runs as its own invocation; every reconcile pass is logged with its summary.
import type { EcsPort, StateStore, TargetConfig } from "@gantry/core";
import { createAlarmHandler } from "@gantry/functions/alarm";
import { createQuietObservability } from "@gantry/functions/observability";
import { createTickHandler } from "@gantry/functions/tick";
import { alarmTargets, type Reconciler } from "@gantry/runtime";
import type { SimAccount } from "@gantry/sim";
import { lambdaContext } from "@gantry/testing";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { Invocation, InvocationRunner } from "./fault-context.ts";
import { idSequence } from "./fault-port-wrapping.ts";
import type { PassRecord } from "./fault-world-types.ts";

export interface HandlersWorld {
  runner: InvocationRunner;
  account: SimAccount;
  reconciler: Reconciler;
  store: StateStore;
  ecs: EcsPort;
  clock: { now: () => number };
}

export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

type ApiHandler = (event: unknown, context: unknown) => Promise<unknown>;

const quiet = () => createQuietObservability("gantry-faults", "SILENT");

export function faultHandlers(world: HandlersWorld) {
  const { runner, account, clock } = world;
  const passes: PassRecord[] = [];
  const reconciler = loggedReconciler(world, passes);
  const context = (remainingMs: number) => lambdaContext({ remainingMs, now: clock.now });
  const tickHandler = createTickHandler({
    ...quiet(),
    reconciler,
    clock,
    sleep: async (ms) => account.advance(ms),
    subTickSeconds: 15,
  });
  const onePassHandler = createTickHandler({
    ...quiet(),
    reconciler,
    clock,
    sleep: async () => undefined,
    subTickSeconds: 0,
  });
  const alarmHandler = createAlarmHandler({
    ...quiet(),
    reconciler,
    clock,
    alarmTargets: async () => alarmTargets(await readRecords(world.store)),
  });
  const api = lazyApi(world, clock);
  return {
    passes,
    /** One scheduled invocation: sub-ticks every 15 s, or a single pass (`onePass`, for concurrent ticks). */
    tick(remainingMs = 63_000, { onePass = false } = {}) {
      const handler = onePass ? onePassHandler : tickHandler;
      return runner.invoke("tick", () => handler({ id: `tick-${account.now()}` }, context(remainingMs)), {
        shortDeadline: remainingMs < 20_000,
      });
    },
    alarm(event: { id: string }, remainingMs = 20_000) {
      return runner.invoke("alarm", () => alarmHandler(event, context(remainingMs)), { eventId: event.id });
    },
    /** One API request, as its own invocation; status 0 when the invocation did not answer. */
    async request(
      method: string,
      path: string,
      options: { body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<ApiReply> {
      const { apiEvent } = await import("../api/support/api-world.ts");
      const handler = await api();
      const event = apiEvent({ method, path, body: options.body, headers: options.headers ?? {} });
      const invocation = await runner.invoke(
        "api",
        async () => (await handler(event, context(30_000))) as APIGatewayProxyStructuredResultV2,
      );
      const raw = invocation.result;
      const body = typeof raw?.body === "string" && raw.body !== "" ? JSON.parse(raw.body) : undefined;
      return { status: raw?.statusCode ?? 0, headers: (raw?.headers ?? {}) as Record<string, string>, body };
    },
  };
}

/** The reconciler, with each pass run as a pass of the current invocation and logged with its summary. */
function loggedReconciler({ runner, account, reconciler }: HandlersWorld, passes: PassRecord[]): Reconciler {
  return {
    reconcile: (reconcileOptions) =>
      runner.pass(async () => {
        const start = account.now();
        const summary = await reconciler.reconcile(reconcileOptions);
        const invocation = runner.current()?.invocation as Invocation;
        passes.push({ invocation, start, end: account.now(), summary });
        return summary;
      }),
  };
}

/** Loaded on the first config write: only the scenarios that edit configs need the API. */
function lazyApi({ store, ecs }: HandlersWorld, clock: { now: () => number }): () => Promise<ApiHandler> {
  let apiHandler: ApiHandler | undefined;
  return async () => {
    if (apiHandler) return apiHandler;
    const { createApiHandler } = await import("@gantry/functions/api");
    const handler = createApiHandler({ ...quiet(), store, ecs, clock, randomId: idSequence() });
    apiHandler = handler as unknown as ApiHandler;
    return apiHandler;
  };
}

/** The readable targets' configs (corrupt items are left out as problems). */
export async function readRecords(store: Pick<StateStore, "listTargets">): Promise<TargetConfig[]> {
  return (await store.listTargets()).records.map((r) => r.config);
}
