import { CONTROL_LOOP_MEMORY_MB, parseMemoryMb } from "@gantry/functions/lambda-sizing";
import { FUNCTION_SERVICES } from "@gantry/functions/metric-descriptors";

// What changes by stage, read once at deploy time. `prod` is the production stage (sst.config.ts retains its
// resources); every other stage is a development one.
export const isProduction = $app.stage === "prod";

/** One namespace per stage, so two stages in one account never merge their metrics (or fire each other's alarms). */
export const metricsNamespace = isProduction ? "Gantry" : `Gantry/${$app.stage}`;

/**
 * Where the monitoring alarms send email, from the deploying shell: `GANTRY_ALERT_EMAIL=ops@example.com npx sst
 * deploy`. Unset, the alerts topic has no subscription (subscribe to it yourself: its ARN is an output).
 */
export const alertEmail = process.env.GANTRY_ALERT_EMAIL?.trim() || undefined;

/**
 * The tick's memory, from the deploying shell: `GANTRY_TICK_MEMORY_MB=1769 npx sst deploy`. Lambda gives CPU in
 * proportion to memory (one vCPU at 1,769 MB), and a pass's CPU grows with the fleet: see the README's sizing
 * table. Unset, 512 MB; not a whole number from 128 to 10,240, the deploy stops with an error naming it.
 */
export const tickMemoryMb = process.env.GANTRY_TICK_MEMORY_MB
  ? parseMemoryMb(process.env.GANTRY_TICK_MEMORY_MB, "GANTRY_TICK_MEMORY_MB")
  : CONTROL_LOOP_MEMORY_MB;

/**
 * Reserved concurrency (see control-loop.ts) needs an account whose concurrency limit leaves 100 unreserved; a
 * new account's limit can be 10, where the deploy would fail: `GANTRY_RESERVED_CONCURRENCY=off` leaves it out.
 */
const reserve = process.env.GANTRY_RESERVED_CONCURRENCY !== "off";
export function reservedConcurrency(count: number): { concurrency?: { reserved: number } } {
  return reserve ? { concurrency: { reserved: count } } : {};
}

/**
 * Powertools' settings for one function. Its own `service` dimension lets alarms tell the tick's passes from the
 * alarm function's; DEBUG logs only outside production (CloudWatch Logs bills per byte); responses are never put
 * in traces (a fleet's listing from the API, or a backtest's report, would pass X-Ray's 64 KB segment limit).
 */
export function powertoolsEnvironment(fn: keyof typeof FUNCTION_SERVICES) {
  return {
    POWERTOOLS_SERVICE_NAME: FUNCTION_SERVICES[fn],
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
    POWERTOOLS_LOG_LEVEL: isProduction ? "INFO" : "DEBUG",
    POWERTOOLS_TRACER_CAPTURE_RESPONSE: "false",
  };
}

/** Active X-Ray tracing, for a Function's `transform.function` (merged into its args; the role gets writeTraces). */
export const activeTracing = { tracingConfig: { mode: "Active" } };
