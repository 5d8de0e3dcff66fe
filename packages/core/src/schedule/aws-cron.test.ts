import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { awsCronToCroner } from "./aws-cron.ts";

describe("awsCronToCroner", () => {
  it.each([
    ["0 10 * * ? *", "0 0 10 * * * 1970-2199"],
    ["0/15 * * * ? *", "0 0-59/15 * * * * 1970-2199"],
    ["5/20 3/6 ? * MON-FRI *", "0 5-59/20 3-23/6 * * 2-6 1970-2199"],
    ["0/5 8-17 ? * mon-fri *", "0 0-59/5 8-17 * * 2-6 1970-2199"],
    ["0 8 1 jan,Jul ? *", "0 0 8 1 1,7 * 1970-2199"],
    ["0 9 ? * 2#1 *", "0 0 9 * * 2#1 1970-2199"],
    ["0 9 ? * MON#3 *", "0 0 9 * * 2#3 1970-2199"],
    ["0 0 L * ? *", "0 0 0 L * * 1970-2199"],
    ["0 0 LW * ? *", "0 0 0 LW * * 1970-2199"],
    ["0 0 3W * ? *", "0 0 0 3W * * 1970-2199"],
    ["0 0 ? * 6L *", "0 0 0 * * 6#L 1970-2199"],
    ["0 0 ? * FRIL *", "0 0 0 * * 6#L 1970-2199"],
    ["0 0 ? * L *", "0 0 0 * * 7 1970-2199"],
    ["0 12 ? * SUN *", "0 0 12 * * 1 1970-2199"],
    ["0 0 1 1 ? 2027", "0 0 0 1 1 * 2027"],
    ["0 0 1 1 ? 2027-2030/2", "0 0 0 1 1 * 2027-2030/2"],
    ["0 0 1 1 ? */10", "0 0 0 1 1 * 1970-2199/10"],
    ["  0   10 * * ?   * ", "0 0 10 * * * 1970-2199"],
  ])("translates cron(%s) to croner's %s", (aws, croner) => {
    expect(awsCronToCroner(aws)).toBe(croner);
  });

  it.each([
    ["0 10 * * ?", /must have 6 fields.*got 5/],
    ["0 10 * * ? * *", /must have 6 fields.*got 7/],
    ["0 10 * * * *", /exactly one of day-of-month and day-of-week/],
    ["0 10 ? * ? *", /exactly one of day-of-month and day-of-week/],
    ["0 10 1 * MON *", /exactly one of day-of-month and day-of-week/],
    ["? 10 * * ? *", /minutes: "\?" is only allowed in day-of-month and day-of-week/],
    ["60 10 * * ? *", /minutes: "60" is not 0–59/],
    ["0 24 * * ? *", /hours: "24" is not 0–23/],
    ["0 0 32 * ? *", /day-of-month: "32" is not 1–31/],
    ["0 0 0 * ? *", /day-of-month: "0" is not 1–31/],
    ["0 0 1 13 ? *", /month: "13" is not 1–12 or JAN–DEC/],
    ["0 0 ? * 0 *", /day-of-week: "0" is not 1–7 or SUN–SAT/],
    ["0 0 ? * MONDAY *", /day-of-week: "MONDAY" is not 1–7 or SUN–SAT/],
    ["0 0 1 1 ? 1969", /year: "1969" is not 1970–2199/],
    ["0 0 1 1 ? 2200", /year: "2200" is not 1970–2199/],
    ["0 22-2 * * ? *", /hours: range "22-2" runs backwards/],
    ["0/0 * * * ? *", /minutes: step must be 1–60, got 0/],
    ["0 0 ? * 2#6 *", /the n in day#n must be 1–5/],
    ["0 0 ? * 2#1,3 *", /# must stand alone/],
    ["0 0 L,15 * ? *", /L and W must stand alone/],
    ["0 0 1-5W * ? *", /L and W must stand alone/],
    ["0 0 ? * 8L *", /day-of-week: "8" is not 1–7/],
    ["0 */5-10 * * ? *", /hours: cannot read/],
    ["0 1.5 * * ? *", /hours: cannot read "1.5"/],
  ])("rejects cron(%s)", (aws, message) => {
    expect(() => awsCronToCroner(aws)).toThrow(ValidationError);
    expect(() => awsCronToCroner(aws)).toThrow(message);
  });
});
