// Bad input at the write routes: random JSON, valid payloads broken one way (wrong type, unknown key,
// out-of-range number), random strings in any framing, random paths. Never a 500; always a 4xx with the error
// shape; and the store, the activity log and ECS are left exactly as they were.
import "@gantry/testing/test-env";
import { BODY_LIMIT_BYTES } from "@gantry/functions/api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  apiWorld,
  type Call,
  CPU_POLICY,
  expectErrorShape,
  MORNING_ACTION,
  snapshot,
  workerConfig,
} from "./support/api-world.ts";

const BASE = "/targets/prod/worker";
const CSV = "time,count\n0,5\n60,7\n120,3";

/** Write routes with a valid body each, and the numeric fields a mutation may push out of range. */
const WRITES: { method: string; path: string; valid: unknown; ranges: [string, number[]][] }[] = [
  {
    method: "PUT",
    path: BASE,
    valid: workerConfig(),
    ranges: [
      ["target.minCapacity", [-1, 1.5, 2e6]],
      ["target.maxCapacity", [-3, 2e6, 0.25]],
      ["policies.0.targetValue", [0, -1, 2e9]],
      ["scheduledActions.0.minCapacity", [-1, 0.5]],
    ],
  },
  {
    method: "PUT",
    path: "/targets/prod/fresh",
    valid: workerConfig("prod", "fresh"),
    ranges: [["target.maxCapacity", [-1, 1e7]]],
  },
  {
    method: "PUT",
    path: `${BASE}/policies/cpu`,
    valid: CPU_POLICY,
    ranges: [["targetValue", [0, -5, 1e10]]],
  },
  {
    method: "PUT",
    path: `${BASE}/policies/backlog`,
    valid: { ...CPU_POLICY, name: "backlog", scaleOutCooldown: 60 },
    ranges: [["scaleOutCooldown", [-1, 0.5]]],
  },
  {
    method: "PUT",
    path: `${BASE}/scheduled-actions/morning`,
    valid: MORNING_ACTION,
    ranges: [["minCapacity", [-1, 2.5, 2e6]]],
  },
  {
    method: "POST",
    path: `${BASE}/suspend`,
    valid: { dynamicScalingIn: true },
    ranges: [],
  },
  { method: "POST", path: `${BASE}/resume`, valid: { scheduledScaling: true }, ranges: [] },
  { method: "PUT", path: `${BASE}/dry-run`, valid: { dryRun: true }, ranges: [] },
  {
    method: "POST",
    path: `${BASE}/desired-count`,
    valid: { desiredCount: 3 },
    ranges: [["desiredCount", [-1, 1.5, 2e6]]],
  },
  {
    method: "POST",
    path: `${BASE}/simulate`,
    valid: { trace: { format: "counts", csv: CSV }, sloSeconds: 30 },
    ranges: [["sloSeconds", [0, -1, 1e6]]],
  },
];

/** Routes that take no body: any body at all is refused, so even a DELETE of something that exists is a 400. */
const BODILESS = [
  { method: "DELETE", path: BASE },
  { method: "DELETE", path: `${BASE}/policies/backlog` },
  { method: "DELETE", path: `${BASE}/scheduled-actions/night` },
];

type Path = (string | number)[];

function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}

function objectPaths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  const own = Array.isArray(value) ? [] : [prefix];
  return [...own, ...entries.flatMap(([key, child]) => objectPaths(child, [...prefix, key]))];
}

function setAt(value: unknown, path: Path, leaf: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  if (path.length === 0) return leaf;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = leaf;
  return copy;
}

function getAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node;
}

/** A value whose JSON type differs from the original's (so no schema field that took the original takes it). */
function wrongTypeFor(original: unknown): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [fc.constant(null), fc.constant([]), fc.constant({})];
  if (typeof original !== "string") options.push(fc.string({ maxLength: 8 }));
  if (typeof original !== "number") options.push(fc.integer({ min: -5, max: 5 }));
  if (typeof original !== "boolean") options.push(fc.boolean());
  return fc.oneof(...options);
}

const mutatedBody = fc.constantFrom(...WRITES).chain((route) => {
  const wrongType = fc
    .constantFrom(...leafPaths(route.valid))
    .chain((path) => wrongTypeFor(getAt(route.valid, path)).map((leaf) => setAt(route.valid, path, leaf)));
  const unknownKey = fc
    .tuple(
      fc.constantFrom(...objectPaths(route.valid)),
      fc.string({ maxLength: 6 }),
      fc.jsonValue({ maxDepth: 1 }),
    )
    .map(([path, key, extra]) => setAt(route.valid, [...path, `zz_${key}`], extra));
  const outOfRange =
    route.ranges.length === 0
      ? unknownKey
      : fc
          .constantFrom(...route.ranges)
          .chain(([dotted, values]) =>
            fc.constantFrom(...values).map((v) => setAt(route.valid, dotted.split(".").map(pathKey), v)),
          );
  return fc
    .oneof(wrongType, unknownKey, outOfRange)
    .map((body): Call => ({ method: route.method, path: route.path, body }));
});

function pathKey(part: string): string | number {
  return /^\d+$/.test(part) ? Number(part) : part;
}

const anyRoute = fc.constantFrom(...WRITES, ...BODILESS);

const randomJson = fc
  .tuple(anyRoute, fc.jsonValue({ maxDepth: 3 }))
  .map(([route, body]): Call => ({ method: route.method, path: route.path, body }));

const CONTENT_TYPES = [
  undefined,
  "application/json",
  "text/plain",
  "application/json; charset=latin1",
  "image/png",
];

/** Non-empty strings (an empty body would be a valid DELETE), framed any way. */
const randomString = fc
  .tuple(
    anyRoute,
    fc.string({ minLength: 1, maxLength: 40, unit: "binary" }),
    fc.constantFrom(...CONTENT_TYPES),
    fc.boolean(),
  )
  .map(
    ([route, text, type, base64]): Call => ({
      method: route.method,
      path: route.path,
      rawBody: text,
      base64,
      headers: type === undefined ? {} : { "content-type": type },
    }),
  );

/** Raw text claimed to be base64 (it may decode to nothing, so only where a body is required). */
const garbageBase64 = fc.tuple(fc.constantFrom(...WRITES), fc.string({ maxLength: 20 })).map(
  ([route, text]): Call => ({
    method: route.method,
    path: route.path,
    rawBody: text,
    rawIsBase64: true,
    headers: { "content-type": "application/json" },
  }),
);

const SEGMENTS = [
  "targets",
  "prod",
  "worker",
  "policies",
  "scheduled-actions",
  "suspend",
  "dry-run",
  "..",
  "%2F",
  "%",
  "",
];
const randomPath = fc
  .tuple(
    fc.constantFrom("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"),
    fc.array(fc.oneof(fc.constantFrom(...SEGMENTS), fc.string({ maxLength: 6 })), { maxLength: 6 }),
    fc.jsonValue({ maxDepth: 2 }),
  )
  .map(([method, segments, body]): Call => ({ method, path: `/${segments.join("/")}`, body }));

const OVERSIZE = " ".repeat(BODY_LIMIT_BYTES + 1);
const oversize = fc
  .tuple(anyRoute, fc.boolean())
  .map(([route, base64]): Call => ({ method: route.method, path: route.path, rawBody: OVERSIZE, base64 }));

const badIfMatch = fc
  .tuple(
    fc.constantFrom(...WRITES),
    fc.string({ maxLength: 8 }).filter((s) => !/^\s*(W\/)?"?\d+"?\s*$/.test(s)),
  )
  .map(
    ([route, header]): Call => ({
      method: route.method,
      path: route.path,
      body: { not: "valid" },
      headers: { "if-match": header },
    }),
  );

const badRequest = fc.oneof(
  { arbitrary: mutatedBody, weight: 4 },
  { arbitrary: randomJson, weight: 2 },
  { arbitrary: randomString, weight: 2 },
  { arbitrary: garbageBase64, weight: 1 },
  { arbitrary: randomPath, weight: 2 },
  { arbitrary: oversize, weight: 1 },
  { arbitrary: badIfMatch, weight: 1 },
);

describe("the write routes under bad input", () => {
  it("accept the valid bodies the mutations start from", async () => {
    for (const route of WRITES) {
      const world = apiWorld();
      await world.seed(workerConfig());
      world.ecs.addService("service/prod/worker", 3);
      const reply = await world.call({ method: route.method, path: route.path, body: route.valid });
      expect(reply.status, `${route.method} ${route.path}: ${reply.raw.body}`).toBeLessThan(300);
    }
  });

  it("never answer 500, always a 4xx error body, and change nothing (10,000 requests)", async () => {
    const world = apiWorld();
    await world.seed(workerConfig());
    world.ecs.addService("service/prod/worker", 3);
    const before = await snapshot(world);
    const statuses = new Map<number, number>();
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(badRequest, async (request) => {
        const reply = await world.call(request);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.status).toBeLessThan(500);
        expectErrorShape(reply);
        expect(await snapshot(world)).toBe(before);
      }),
      { numRuns: 10_000 },
    );
    const seconds = (performance.now() - started) / 1000;
    expect(world.store.activitiesOf("service/prod/worker")).toEqual([]);
    expect(world.ecs.calls.filter((c) => c.method === "setDesiredCount")).toEqual([]);
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(10_000);
    console.log(
      `fuzz: ${total} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  }, 60_000);
});
