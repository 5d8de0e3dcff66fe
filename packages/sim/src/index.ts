export * from "./account/index.ts";
export * from "./cluster/index.ts";
export * from "./engine/index.ts";
export * from "./faults/index.ts";
export * from "./scalers/index.ts";
export * from "./traces/index.ts";
