import { describe, expect, it } from "vitest";
import { DEFAULT_SUB_TICK_SECONDS, EnvironmentError, readFunctionEnv } from "./function-env.ts";

describe("readFunctionEnv", () => {
  it("reads the table, the bus, the sub-tick period and the region", () => {
    const env = {
      TABLE_NAME: "gantry-state",
      EVENT_BUS_NAME: "ops",
      SUB_TICK_SECONDS: "10",
      AWS_REGION: "eu-west-1",
    };
    expect(readFunctionEnv(env)).toEqual({
      tableName: "gantry-state",
      eventBusName: "ops",
      subTickSeconds: 10,
      region: "eu-west-1",
    });
  });

  it("defaults the optional variables", () => {
    expect(readFunctionEnv({ TABLE_NAME: "t" })).toEqual({
      tableName: "t",
      eventBusName: undefined,
      subTickSeconds: DEFAULT_SUB_TICK_SECONDS,
      region: undefined,
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
});
