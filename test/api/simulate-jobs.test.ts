import "@gantry/testing/test-env";
import { type JobUpdate, TargetConfigSchema, ThrottledError } from "@gantry/core";
import { createBacktestHandler } from "@gantry/functions/backtest";
import { createQuietObservability } from "@gantry/functions/observability";
import { MemoryJobStore } from "@gantry/runtime/local-stack";
import { lambdaContext, VirtualClock } from "@gantry/testing";
import { describe, expect, it } from "vitest";
import { apiWorld, expectErrorShape, START, workerConfig } from "./support/api-world.ts";

const PATH = "/targets/prod/worker/simulate";
/** The backtest function runs 15 minutes at most: a job not written for longer has lost its run. */
const JOB_STALE_MS = 16 * 60_000;
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

  it("marks the job Failed with the reason when the backtest function cannot be invoked", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    const refusal = Object.assign(new Error("Rate exceeded for function gantry-backtest"), {
      name: "ServiceException",
    });
    const created: string[] = [];
    const create = world.jobs.create.bind(world.jobs);
    world.jobs.create = async (job) => {
      created.push(job.id);
      return create(job);
    };
    world.backtests.failNext(refusal);
    const reply = await world.call({
      method: "POST",
      path: PATH,
      body: { trace: { format: "counts", csv: CSV } },
    });
    expect(reply.status).toBe(502);
    expect(expectErrorShape(reply)).toMatchObject({ code: "UpstreamFailed", field: null });
    expect(reply.body.error.message).toContain("Rate exceeded for function gantry-backtest");
    const [id] = created;
    const job = await world.call({ method: "GET", path: `/simulations/${id}` });
    expect(job.body).toMatchObject({ id, status: "Failed", error: { code: "UpstreamFailed", field: null } });
    expect(job.body.error.message).toContain("could not be started: Rate exceeded");

    world.backtests.failNext(new ThrottledError("lambda:InvokeFunction throttled"));
    const throttled = await world.call({
      method: "POST",
      path: PATH,
      body: { trace: { format: "counts", csv: CSV } },
    });
    expect(throttled.status).toBe(429);
    expect(world.backtests.started).toEqual([]);
  });

  it("shows a job whose run was lost as Failed once it has not been written for 16 minutes", async () => {
    const world = apiWorld();
    const base = { targetId: "service/prod/worker", createdAt: START, updatedAt: START, input: {} };
    await world.jobs.create({ ...base, id: "run-lost", status: "Running", progress: 0.4 });
    await world.jobs.create({ ...base, id: "never-ran", status: "Pending", progress: 0 });
    world.clock.advance(JOB_STALE_MS);
    expect((await world.call({ method: "GET", path: "/simulations/run-lost" })).body).toMatchObject({
      status: "Running",
      progress: 0.4,
    });
    world.clock.advance(1);
    for (const id of ["run-lost", "never-ran"]) {
      const reply = await world.call({ method: "GET", path: `/simulations/${id}` });
      expect(reply.body).toMatchObject({
        id,
        status: "Failed",
        error: { code: "UpstreamFailed", field: null },
      });
      expect(reply.body.error.message).toContain("its run was lost");
    }
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

  it("writes progress while the simulation runs, so a poll sees it Running part way", async () => {
    const world = jobWorld();
    const day = ["time,count", ...Array.from({ length: 24 * 60 }, (_, i) => `${i * 60},${5 + (i % 7)}`)];
    const job = { ...input, trace: { uploaded: { format: "counts", csv: day.join("\n") } } };
    await world.jobs.create({
      ...{ id: "j4", targetId: "service/prod/worker", status: "Pending", progress: 0 },
      ...{ createdAt: START, updatedAt: START, input: job },
    });
    const seen: string[] = [];
    let done = false;
    const run = world.run({ jobId: "j4" }).finally(() => {
      done = true;
    });
    while (!done) {
      const polled = await world.jobs.get("j4");
      seen.push(`${polled?.status} ${polled?.progress}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await run).toMatchObject({ status: "Succeeded", progress: 1 });
    const partWay = seen.filter((s) => /^Running 0\.\d+$/.test(s));
    expect(new Set(partWay).size).toBeGreaterThanOrEqual(5);
  });

  it("marks a Pending job whose event came after it was shown lost Failed, without running it", async () => {
    const world = jobWorld();
    await world.jobs.create({
      ...{ id: "late", targetId: "service/prod/worker", status: "Pending", progress: 0 },
      ...{ createdAt: START - JOB_STALE_MS - 1, updatedAt: START - JOB_STALE_MS - 1, input },
    });
    const job = await world.run({ jobId: "late" });
    expect(job).toMatchObject({ status: "Failed", error: { code: "UpstreamFailed" } });
    expect(world.updates).toEqual([{ status: "Failed", error: job?.error }]);
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
