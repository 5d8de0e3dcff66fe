import { describe, expect, it } from "vitest";
import { DEFAULT_SUB_TICK_SECONDS, EnvironmentError, readFunctionEnv } from "./function-env.ts";

describe("readFunctionEnv", () => {
  it("reads the table, the bus, the sub-tick period and the region", () => {
    const env = {
      TABLE_NAME: "gantry-state",
      EVENT_BUS_NAME: "ops",
      SUB_TICK_SECONDS: "10",
      AWS_REGION: "eu-west-1",
      GANTRY_STAGE: "prod",
    };
    expect(readFunctionEnv(env)).toEqual({
      tableName: "gantry-state",
      eventBusName: "ops",
      subTickSeconds: 10,
      region: "eu-west-1",
      stage: "prod",
    });
  });

  it("defaults the optional variables", () => {
    expect(readFunctionEnv({ TABLE_NAME: "t" })).toEqual({
      tableName: "t",
      eventBusName: undefined,
      subTickSeconds: DEFAULT_SUB_TICK_SECONDS,
      region: undefined,
      stage: undefined,
    });
  });

  it.each([{}, { TABLE_NAME: "  " }])("names TABLE_NAME when it is missing (%o)", (env) => {
    expect(() => readFunctionEnv(env)).toThrow(EnvironmentError);
    expect(() => readFunctionEnv(env)).toThrow(/TABLE_NAME is not set/);
  });

  it.each(["soon", "-1"])("names SUB_TICK_SECONDS when it is %s", (value) => {
    const read = () => readFunctionEnv({ TABLE_NAME: "t", SUB_TICK_SECONDS: value });
    expect(read).toThrow(expect.objectContaining({ code: "BadEnvironment", field: "SUB_TICK_SECONDS" }));
  });

  it.each(["", "  "])("reads a blank GANTRY_STAGE (%o) as no stage: unstaged alarm names", (value) => {
    expect(readFunctionEnv({ TABLE_NAME: "t", GANTRY_STAGE: value }).stage).toBeUndefined();
  });

  it.each(["dev", "pr-123", " staging "])("reads GANTRY_STAGE %o, trimmed", (value) => {
    expect(readFunctionEnv({ TABLE_NAME: "t", GANTRY_STAGE: value }).stage).toBe(value.trim());
  });

  it.each([
    { value: "dev_1", why: /GANTRY_STAGE must be 1–64 letters, digits or hyphens, got "dev_1"/ },
    { value: "my stage", why: /letters, digits or hyphens/ },
    { value: "gantry*", why: /letters, digits or hyphens/ },
    { value: "x".repeat(65), why: /1–64/ },
    { value: "pr-0123456789ab", why: /GANTRY_STAGE must not have a segment of 12 lowercase hex digits/ },
  ])("names GANTRY_STAGE when it is $value", ({ value, why }) => {
    const read = () => readFunctionEnv({ TABLE_NAME: "t", GANTRY_STAGE: value });
    expect(read).toThrow(EnvironmentError);
    expect(read).toThrow(expect.objectContaining({ code: "BadEnvironment", field: "GANTRY_STAGE" }));
    expect(read).toThrow(why);
  });
});
