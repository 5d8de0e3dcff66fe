// The schemas the OpenAPI document names as components: each route refers to the named copy (`.meta({ id })`),
// and openapi.ts renders every component with z.toJSONSchema from the original, as the payloads validate.
import { PolicySchema, ScheduledActionSchema, TargetConfigSchema } from "@gantry/core";
import type { z } from "zod";
import {
  ActivityPageSchema,
  BacktestJobSchema,
  CapacityListSchema,
  CapacitySeriesResponseSchema,
  DesiredCountBodySchema,
  DesiredCountResultSchema,
  DryRunBodySchema,
  ErrorBodySchema,
  OpenApiDocumentSchema,
  RawTargetSchema,
  SeriesResponseSchema,
  SimulateBodySchema,
  SimulationReportSchema,
  SuspendBodySchema,
  TargetListSchema,
  TargetViewSchema,
} from "./api-schemas.ts";

/** Requests are documented on zod's input side (defaults optional), responses on the output side. */
export type Side = "request" | "response";

export const COMPONENTS = new Map<string, { schema: z.ZodType; side: Side }>();

function component<S extends z.ZodType>(name: string, schema: S, side: Side): S {
  COMPONENTS.set(name, { schema, side });
  return schema.meta({ id: name }) as S;
}

export const TargetConfigBody = component("TargetConfig", TargetConfigSchema, "request");
export const PolicyBody = component("Policy", PolicySchema, "request");
export const ScheduledActionBody = component("ScheduledAction", ScheduledActionSchema, "request");
export const SuspendBody = component("SuspendRequest", SuspendBodySchema, "request");
export const DryRunBody = component("DryRunRequest", DryRunBodySchema, "request");
export const DesiredCountBody = component("DesiredCountRequest", DesiredCountBodySchema, "request");
export const SimulateBody = component("SimulateRequest", SimulateBodySchema, "request");
export const TargetView = component("TargetView", TargetViewSchema, "response");
export const TargetList = component("TargetList", TargetListSchema, "response");
export const RawTarget = component("GetRawTargetResponse", RawTargetSchema, "response");
export const ActivityPage = component("ActivityPage", ActivityPageSchema, "response");
export const CapacityList = component("ListCapacityResponse", CapacityListSchema, "response");
export const DesiredCountResult = component("DesiredCountResult", DesiredCountResultSchema, "response");
export const Series = component("Series", SeriesResponseSchema, "response");
export const CapacitySeries = component("CapacitySeries", CapacitySeriesResponseSchema, "response");
export const SimulationReport = component("SimulationReport", SimulationReportSchema, "response");
export const BacktestJob = component("BacktestJob", BacktestJobSchema, "response");
export const ErrorSchema = component("Error", ErrorBodySchema, "response");
export const OpenApiDocument = component("OpenApiDocument", OpenApiDocumentSchema, "response");

/** A JSON body with a component schema, as routes declare requests and responses. */
export function json<S extends z.ZodType>(schema: S) {
  return { content: { "application/json": { schema } } };
}
