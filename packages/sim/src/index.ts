export * from "./traces/index.ts";
