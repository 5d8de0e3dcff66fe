import "@gantry/testing/test-env";
import { type JobUpdate, TargetConfigSchema } from "@gantry/core";
import { createBacktestHandler } from "@gantry/functions/backtest";
import { createQuietObservability } from "@gantry/functions/observability";
import { MemoryJobStore } from "@gantry/runtime/local-stack";
import { lambdaContext, VirtualClock } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { apiWorld, expectErrorShape, START, workerConfig } from "./support/api-world.ts";

const PATH = "/targets/prod/worker/simulate";
const CSV = [
  "time,count",
  ...Array.from({ length: 240 }, (_, i) => `${i * 60},${i % 30 === 0 ? 300 : 5}`),
].join("\n");

describe("backtest jobs", () => {
  it("answers 202 with the Pending job and its Location, and the job ends Succeeded with the report", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const started = await world.call({
      method: "POST",
      path: PATH,
      body: { trace: { format: "counts", csv: CSV } },
    });
    expect(started.status).toBe(202);
    const { id } = started.body;
    expect(started.headers.location).toBe(`/simulations/${id}`);
    expect(started.body).toEqual({
      id,
      targetId: "service/prod/worker",
      status: "Pending",
      progress: 0,
      createdAt: START,
      updatedAt: START,
    });
    expect(world.backtests.started).toEqual([id]);

    const done = await world.poll(started.headers.location ?? "");
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id, status: "Succeeded", progress: 1 });
    expect(done.body.report).toMatchObject({ scaler: "gantry", trace: "trace", messages: 8 * 300 + 232 * 5 });
    expect(done.body.error).toBeUndefined();
  });

  it("answers 404 NotFound for an unknown job and 400 for a malformed id", async () => {
    const world = apiWorld();
    const missing = await world.call({ method: "GET", path: "/simulations/no-such-job" });
    expect(missing.status).toBe(404);
    expect(expectErrorShape(missing)).toMatchObject({ code: "NotFound", field: "id" });
    const bad = await world.call({ method: "GET", path: "/simulations/NOT_AN_ID" });
    expect(bad.status).toBe(400);
    expect(expectErrorShape(bad).field).toBe("id");
  });

  it("stores no job and starts nothing when the request is refused", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const reply = await world.call({
      method: "POST",
      path: PATH,
      body: { trace: { format: "hourly", csv: CSV } },
    });
    expect(reply.status).toBe(400);
    expect(world.backtests.started).toEqual([]);
  });
});

describe("the backtest handler", () => {
  function jobWorld() {
    const clock = new VirtualClock(START);
    const jobs = new MemoryJobStore();
    const updates: JobUpdate[] = [];
    const update = jobs.update.bind(jobs);
    jobs.update = async (id, change, now) => {
      updates.push(change);
      return update(id, change, now);
    };
    const handler = createBacktestHandler({
      jobs,
      clock,
      ...createQuietObservability("gantry-test", "SILENT"),
    });
    const context = lambdaContext({ remainingMs: 900_000, now: () => clock.now() });
    return { jobs, updates, run: (event: unknown) => handler(event as never, context) };
  }

  const input = {
    config: TargetConfigSchema.parse(workerConfig()),
    options: { sloSeconds: 30 },
    trace: { uploaded: { format: "counts", csv: CSV } },
  };

  it("runs a Pending job: Running, progress in steps of 10 %, then Succeeded with the report", async () => {
    const world = jobWorld();
    await world.jobs.create({
      ...{ id: "j1", targetId: "service/prod/worker", status: "Pending", progress: 0 },
      ...{ createdAt: START, updatedAt: START, input },
    });
    const job = await world.run({ jobId: "j1" });
    expect(job).toMatchObject({ status: "Succeeded", progress: 1, report: { sloSeconds: 30 } });
    expect(world.updates[0]).toEqual({ status: "Running", progress: 0 });
    const steps = world.updates.slice(1, -1).map((u) => u.progress);
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(steps.length).toBeLessThanOrEqual(9);
    expect(steps).toEqual([...steps].sort());
    expect(world.updates.at(-1)).toMatchObject({ status: "Succeeded" });
  });

  it("leaves a job that already started alone, and ignores an unknown one", async () => {
    const world = jobWorld();
    await world.jobs.create({
      ...{ id: "j2", targetId: "service/prod/worker", status: "Running", progress: 0.3 },
      ...{ createdAt: START, updatedAt: START, input },
    });
    expect(await world.run({ jobId: "j2" })).toMatchObject({ status: "Running", progress: 0.3 });
    expect(await world.run({ jobId: "gone" })).toBeUndefined();
    expect(world.updates).toEqual([]);
  });

  it("ends a job Failed with the error in the API's shape when its run fails", async () => {
    const world = jobWorld();
    const bad = { ...input, trace: { uploaded: { format: "counts", csv: "time,count\n0,1\n60,x" } } };
    await world.jobs.create({
      ...{ id: "j3", targetId: "service/prod/worker", status: "Pending", progress: 0 },
      ...{ createdAt: START, updatedAt: START, input: bad },
    });
    const job = await world.run({ jobId: "j3" });
    expect(job).toMatchObject({ status: "Failed", error: { code: "ValidationError", field: "trace.csv" } });
    expect(job?.error?.message).toContain("trace.csv:3");
    expect(job?.report).toBeUndefined();
  });

  it("fails the invocation on a malformed event", async () => {
    await expect(jobWorld().run({})).rejects.toMatchObject({ code: "BadEvent", field: "jobId" });
  });
});
