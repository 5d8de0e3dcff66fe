import { ValidationError } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alarmNamePrefix,
  alarmNameStage,
  isStageAlarm,
  MAX_STAGE_LENGTH,
  managedAlarmName,
  stageProblem,
} from "./alarm-names.ts";

const HASH = "0123456789ab";

describe("stageProblem", () => {
  it.each([
    "dev",
    "prod",
    "pr-123",
    "Feature-X",
    "a",
    "x".repeat(MAX_STAGE_LENGTH),
    "0123456789abc",
    "dev-a",
  ])("accepts %s", (stage) => {
    expect(stageProblem(stage)).toBeUndefined();
  });

  it.each([
    { stage: "", why: /letters, digits or hyphens/ },
    { stage: "x".repeat(MAX_STAGE_LENGTH + 1), why: /1–64/ },
    { stage: "dev_1", why: /letters, digits or hyphens/ },
    { stage: "dev.1", why: /letters, digits or hyphens/ },
    { stage: "my stage", why: /letters, digits or hyphens/ },
    { stage: "*", why: /letters, digits or hyphens/ },
    { stage: HASH, why: /12 lowercase hex digits/ },
    { stage: `pr-${HASH}`, why: /12 lowercase hex digits/ },
    { stage: `${HASH}-x`, why: /12 lowercase hex digits/ },
  ])("refuses $stage", ({ stage, why }) => {
    expect(stageProblem(stage)).toMatch(why);
  });
});

describe("alarmNamePrefix", () => {
  it("is gantry-<stage>- with a stage and gantry- without", () => {
    expect(alarmNamePrefix("dev")).toBe("gantry-dev-");
    expect(alarmNamePrefix(undefined)).toBe("gantry-");
  });

  it("throws a ValidationError naming the stage for a bad one", () => {
    expect(() => alarmNamePrefix("a b")).toThrow(ValidationError);
    expect(() => alarmNamePrefix("a b")).toThrow(expect.objectContaining({ field: "stage" }));
  });
});

describe("managedAlarmName", () => {
  it("puts the stage between the prefix and the hash, and hashes the same identity either way", () => {
    const unstaged = managedAlarmName({ targetId: "service/prod/api" }, "api-cpu");
    const staged = managedAlarmName({ targetId: "service/prod/api" }, "api-cpu", "dev");
    expect(unstaged).toMatch(/^gantry-[0-9a-f]{12}-api-cpu$/);
    expect(staged).toBe(unstaged.replace(/^gantry-/, "gantry-dev-"));
  });

  it("stays within CloudWatch's 255 characters with the longest stage and suffix", () => {
    const name = managedAlarmName({}, "s".repeat(500), "x".repeat(MAX_STAGE_LENGTH));
    expect(name.length).toBeLessThanOrEqual(255);
  });
});

describe("alarmNameStage", () => {
  it.each([
    { name: `gantry-${HASH}-api-cpu`, stage: undefined },
    { name: `gantry-${HASH}-${HASH}-wake`, stage: undefined },
    { name: `gantry-dev-${HASH}-api-cpu`, stage: "dev" },
    { name: `gantry-dev-a-${HASH}-api-cpu`, stage: "dev-a" },
    { name: `gantry-prod-${HASH}-`, stage: "prod" },
  ])("reads $name as stage $stage", ({ name, stage }) => {
    expect(alarmNameStage(name)).toEqual({ stage });
  });

  it.each(["gantry-deleted-policy", "gantry-prod-worker-backlog-high", `team-${HASH}-x`, `gantry-${HASH}`])(
    "does not read %s as a managed name",
    (name) => {
      expect(alarmNameStage(name)).toBeUndefined();
    },
  );
});

describe("isStageAlarm", () => {
  const stage = fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/).filter((s) => stageProblem(s) === undefined);
  const optionalStage = fc.option(stage, { nil: undefined });

  it("holds a name to its own stage only, even when one stage name starts with another", () => {
    const name = managedAlarmName({ p: 1 }, "api-cpu", "dev");
    expect(isStageAlarm(name, "dev")).toBe(true);
    expect(isStageAlarm(name, "dev-a")).toBe(false);
    expect(isStageAlarm(name, undefined)).toBe(false);
    const devA = managedAlarmName({ p: 1 }, "api-cpu", "dev-a");
    expect(isStageAlarm(devA, "dev")).toBe(false);
    expect(isStageAlarm(devA, "dev-a")).toBe(true);
  });

  it("property: a name belongs to the stage it was made for and to no other", () => {
    fc.assert(
      fc.property(optionalStage, optionalStage, fc.string(), fc.string(), (mine, other, id, suffix) => {
        const name = managedAlarmName({ id }, suffix, mine);
        expect(isStageAlarm(name, mine)).toBe(true);
        if (other !== mine) expect(isStageAlarm(name, other)).toBe(false);
      }),
    );
  });
});
