import { CONTROL_LOOP_MEMORY_MB, nodeOptionsFor } from "@gantry/functions/lambda-sizing";
import { defaultBus, EVENT_BUS_NAME } from "./events";
import { alarmPermissions, stageAlarmPrefix, tickPermissions } from "./permissions";
import { activeTracing, powertoolsEnvironment, reservedConcurrency, tickMemoryMb } from "./stage-settings";
import { table } from "./storage";

/**
 * What every handler reads (packages/functions/src/function-env.ts). GANTRY_STAGE scopes the managed alarms to
 * this stage (`gantry-<stage>-…`), so stages deployed into one account leave each other's alarms alone.
 */
export const environment = {
  TABLE_NAME: table.name,
  EVENT_BUS_NAME,
  SUB_TICK_SECONDS: "15",
  GANTRY_STAGE: $app.stage,
};

const logging = { retention: "1 month" } as const;

// V8's heap bounded to each function's memory (lambda-sizing.ts), as bench:tick runs the tick. The alarm function
// reconciles one target an event; the tick's size follows the fleet (GANTRY_TICK_MEMORY_MB, stage-settings.ts).
const sized = (mb: number) => ({
  memory: `${mb} MB` as const,
  heapLimits: { NODE_OPTIONS: nodeOptionsFor(mb) },
});
const tickSize = sized(tickMemoryMb);
const alarmSize = sized(CONTROL_LOOP_MEMORY_MB);

// Every function runs on arm64 (Graviton: about 20 % cheaper per GB-second) with active tracing (the alarm
// function's SDK clients are captured by the Tracer, the tick's are not: packages/functions/src/tracing.ts), and
// is minified: SST bundles unminified unless asked, and minifying keeps each bundle under 1 MB (`npm run
// bench:bundle`), with esbuild plugins (`nodejs.plugins`, infra/esbuild-plugins.mjs): only zod's English locale
// (the API would ship all of them), and none of the SDK's credential providers Lambda never reaches (about 100 kB
// a function).
//
// Sub-ticks stop before the next scheduled minute (the handler keeps a 3 s margin before its own deadline);
// 75 s leaves room for a slow last pass without letting an invocation run into a second one for long.
// Reserved concurrency 2 (one invocation per minute, at most two overlapping): the tick keeps running when the
// account's other functions use up its concurrency, which is when services most need scaling.
export const tick = new sst.aws.Function("Tick", {
  handler: "packages/functions/src/tick.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  nodejs: { minify: true, plugins: "infra/esbuild-plugins.mjs" },
  timeout: "75 seconds",
  memory: tickSize.memory,
  environment: { ...environment, ...tickSize.heapLimits, ...powertoolsEnvironment("tick") },
  permissions: tickPermissions(table.arn, defaultBus.arn, $app.stage),
  logging,
  ...reservedConcurrency(2),
  // A failed tick is superseded by the next minute's; Lambda's async retries would only overlap with it.
  retries: 0,
  transform: { function: activeTracing },
});

export const tickSchedule = new sst.aws.CronV2("TickSchedule", {
  schedule: "rate(1 minute)",
  function: tick.arn,
  retries: 0,
});

// Where alarm events go once Lambda's own retries are spent, so a missed scale-out is visible and replayable.
export const alarmFailures = new sst.aws.Queue("AlarmFailures", {
  transform: { queue: { messageRetentionSeconds: 14 * 24 * 60 * 60 } },
});

export const alarm = new sst.aws.Function("Alarm", {
  handler: "packages/functions/src/alarm.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  nodejs: { minify: true, plugins: "infra/esbuild-plugins.mjs" },
  timeout: "30 seconds",
  memory: alarmSize.memory,
  environment: { ...environment, ...alarmSize.heapLimits, ...powertoolsEnvironment("alarm") },
  permissions: alarmPermissions(table.arn, defaultBus.arn, alarmFailures.arn),
  logging,
  // Capped at 10: an alarm storm (hundreds of managed alarms flipping at once) would otherwise take the account's
  // Lambda concurrency from every other function. Events past the cap are throttled and kept by Lambda's async
  // queue (retried for up to the hour below), and the tick reconciles every target each minute meanwhile.
  ...reservedConcurrency(10),
  // The handler fails when its target failed or was skipped at the deadline: Lambda retries twice (after about 1
  // and 3 minutes; the event id makes a retry harmless), then queues the event in AlarmFailures.
  retries: 2,
  transform: {
    function: activeTracing,
    eventInvokeConfig: (args) => {
      // An hour, not the 6 h default: an event Lambda could not run for that long (throttled) is past use, as the
      // tick has reconciled the target every minute since; it is queued where it is seen instead.
      args.maximumEventAgeInSeconds = 60 * 60;
      args.destinationConfig = { onFailure: { destination: alarmFailures.arn } };
    },
  },
});

/** The EventBridge pattern: state changes of this stage's own alarms only (`gantry-<stage>-`). */
export const alarmPattern = {
  source: ["aws.cloudwatch"],
  detailType: ["CloudWatch Alarm State Change"],
  detail: { alarmName: [{ prefix: stageAlarmPrefix($app.stage) }] },
};

export const alarmSubscription = sst.aws.Bus.subscribe("AlarmStateChange", defaultBus.arn, alarm.arn, {
  pattern: alarmPattern,
});
