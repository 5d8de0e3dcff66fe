import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCronRecurrence } from "./cron-recurrence.ts";
import { latestOccurrence, nextOccurrence, parseSchedule, type ScheduleOptions } from "./schedule.ts";

const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 0, 1);

const CASES: ReadonlyArray<readonly [string, ScheduleOptions]> = [
  ["cron(0/5 8-17 ? * MON-FRI *)", {}],
  ["cron(30 2 * * ? *)", { timezone: "America/New_York" }],
  ["cron(0/30 1 * * ? *)", { timezone: "America/New_York" }],
  ["cron(0 9 ? * 1L *)", { timezone: "Europe/Berlin" }],
  ["cron(30 2 ? * 1#4 *)", { timezone: "Europe/Berlin" }],
  ["cron(0 0 3W * ? *)", { timezone: "Australia/Lord_Howe" }], // half-hour DST
  ["cron(0 12 1 1 ? 2026)", {}],
  ["cron(0 10 * * ? *)", { startTime: Date.UTC(2026, 0, 1, 12), endTime: Date.UTC(2026, 5, 1) }],
  ["rate(7 minutes)", {}],
  ["rate(1 day)", { startTime: Date.UTC(2026, 0, 1, 3, 4, 5) }],
  ["at(2026-11-01T01:30:00)", { timezone: "America/New_York" }],
];

// Clock changes in 2026: New York, Berlin and Lord Howe (which shifts by 30 minutes).
const TRANSITIONS = [
  "2026-03-08T07:00:00Z",
  "2026-11-01T06:00:00Z",
  "2026-03-29T01:00:00Z",
  "2026-10-25T01:00:00Z",
  "2026-04-04T15:00:00Z",
  "2026-10-03T15:30:00Z",
].map((iso) => Date.parse(iso));
const HOURS_3 = 3 * 3_600_000;

/** Any instant in 2025–2027, or one within three hours of a DST change, where mistakes hide. */
const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -HOURS_3, max: HOURS_3 }))
    .map(([transition, offset]) => transition + offset),
);

describe("latestOccurrence and nextOccurrence are consistent", () => {
  it.each(CASES)("%s %o", (expression, options) => {
    const schedule = parseSchedule(expression, options);
    fc.assert(
      fc.property(instant, (time) => {
        const latest = latestOccurrence(schedule, time);
        const next = nextOccurrence(schedule, time);
        if (latest !== undefined) {
          expect(latest).toBeLessThanOrEqual(time);
          expect(latestOccurrence(schedule, latest)).toBe(latest);
          // Nothing fires in (latest, time], so the fire time after latest is the one after time.
          const afterLatest = nextOccurrence(schedule, latest);
          if (afterLatest !== undefined) expect(afterLatest).toBeGreaterThan(latest);
          expect(afterLatest).toBe(next);
        }
        if (next !== undefined) {
          expect(next).toBeGreaterThan(time);
          expect(latestOccurrence(schedule, next)).toBe(next);
          expect(latestOccurrence(schedule, next - 1)).toBe(latest);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("the memoised window cache does not change answers", () => {
  it.each(CASES.filter(([expression]) => expression.startsWith("cron(")))("%s %o", (expression, options) => {
    const body = expression.slice("cron(".length, -1);
    const timezone = options.timezone ?? "UTC";
    const cached = createCronRecurrence(body, timezone);
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 12 }), (times) => {
        // Ascending (as decisions ask) exercises the cache's advance step; the given order its misses.
        for (const time of [...times].sort((a, b) => a - b).concat(times)) {
          const fresh = createCronRecurrence(body, timezone);
          expect(cached.latest(time)).toBe(fresh.latest(time));
          expect(cached.next(time)).toBe(fresh.next(time));
        }
      }),
      { numRuns: 20 },
    );
  });

  it("a fixed-offset zone (fast path) agrees with an equivalent IANA zone", () => {
    const fixed = createCronRecurrence("0/20 9-17 ? * 2#2 *", "Etc/GMT-9");
    const tokyo = createCronRecurrence("0/20 9-17 ? * 2#2 *", "Asia/Tokyo");
    fc.assert(
      fc.property(instant, (time) => {
        expect(fixed.latest(time)).toBe(tokyo.latest(time));
        expect(fixed.next(time)).toBe(tokyo.next(time));
      }),
      { numRuns: 100 },
    );
  });
});
