// Asserts the resources Gantry deploys, from run() under Pulumi's mocks (mocked-app.ts). Needs `sst install`
// (.sst/platform): run through `npm run test:infra`, never the root vitest run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAccess } from "./access-checks.ts";
import {
  ACCOUNT,
  type Any,
  created,
  DEFAULT_BUS_ARN,
  ofType,
  one,
  outputs,
  REGION,
  rpc,
  STAGE,
  startMockedApp,
  stopMockedApp,
} from "./mocked-app.ts";
import { describeOperations } from "./operations-checks.ts";

beforeAll(startMockedApp, 120_000);
afterAll(stopMockedApp);

describe("the Gantry SST app", () => {
  it("bundles each handler from its real file", () => {
    expect(rpc.built.map((b) => [b.functionId, b.handler]).sort()).toEqual([
      ["Alarm", "packages/functions/src/alarm.handler"],
      ["ApiHandler", "packages/functions/src/api.handler"],
      ["Backtest", "packages/functions/src/backtest.handler"],
      ["Tick", "packages/functions/src/tick.handler"],
    ]);
  });

  it("runs every function on arm64 and has SST minify its bundle, zod's locales left out", () => {
    const functions = ofType("aws:lambda/function:Function");
    expect(functions).toHaveLength(4);
    for (const fn of functions) expect(fn.inputs.architectures, fn.name).toEqual(["arm64"]);
    for (const build of rpc.built) {
      expect(build.properties, build.functionId).toMatchObject({
        minify: true,
        architecture: "arm64",
        plugins: "infra/esbuild-plugins.mjs",
      });
      expect(build.zodLocales, build.functionId).toBe(0);
    }
  });

  it("creates the state table: pk/sk strings, TTL on expiresAt, on demand", () => {
    const [table] = ofType("aws:dynamodb/table:Table");
    expect(table?.inputs).toMatchObject({
      hashKey: "pk",
      rangeKey: "sk",
      billingMode: "PAY_PER_REQUEST",
      ttl: { attributeName: "expiresAt", enabled: true },
    });
    expect(table?.inputs.attributes).toEqual(
      expect.arrayContaining([
        { name: "pk", type: "S" },
        { name: "sk", type: "S" },
      ]),
    );
  });

  it("runs tick every minute on Node 22 with 75 s, GANTRY_TICK_MEMORY_MB's memory and the environment", () => {
    const fn = one("aws:lambda/function:Function", "TickFunction");
    expect(fn.inputs).toMatchObject({ runtime: "nodejs22.x", timeout: 75, memorySize: 1769 });
    expect(fn.inputs.environment.variables).toMatchObject({
      EVENT_BUS_NAME: "default",
      SUB_TICK_SECONDS: "15",
      GANTRY_STAGE: STAGE,
      // V8's heap bounded to the function's memory, as bench:tick runs the tick.
      NODE_OPTIONS: "--max-old-space-size=1061 --max-semi-space-size=32",
    });
    expect(fn.inputs.environment.variables.TABLE_NAME).toBeTruthy();
    const [schedule] = ofType("aws:scheduler/schedule:Schedule");
    expect(schedule?.inputs.scheduleExpression).toBe("rate(1 minute)");
  });

  it("runs alarm (30 s) on this stage's alarm state changes only, with an on-failure queue", () => {
    const fn = one("aws:lambda/function:Function", "AlarmFunction");
    expect(fn.inputs).toMatchObject({ runtime: "nodejs22.x", timeout: 30, memorySize: 512 });
    expect(fn.inputs.environment.variables.GANTRY_STAGE).toBe(STAGE);
    expect(fn.inputs.environment.variables.NODE_OPTIONS).toBe(
      "--max-old-space-size=307 --max-semi-space-size=16",
    );
    const rules = ofType("aws:cloudwatch/eventRule:EventRule");
    expect(rules).toHaveLength(1);
    expect(rules[0]?.inputs.eventBusName).toBe("default");
    expect(JSON.parse(rules[0]?.inputs.eventPattern)).toEqual({
      source: ["aws.cloudwatch"],
      "detail-type": ["CloudWatch Alarm State Change"],
      detail: { alarmName: [{ prefix: `gantry-${STAGE}-` }] },
    });
    const configs = ofType("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig");
    const invokeConfig = configs.find((c) => c.name.startsWith("Alarm"));
    // A failed alarm invocation is retried twice, for at most an hour, then queued in AlarmFailures.
    expect(invokeConfig?.inputs).toMatchObject({ maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 });
    const [queue] = ofType("aws:sqs/queue:Queue").filter((q) => q.name.startsWith("AlarmFailures"));
    expect(queue?.inputs.messageRetentionSeconds).toBe(14 * 24 * 60 * 60);
    const queueArn = `arn:aws:mock:${REGION}:${ACCOUNT}:aws:sqs/queue:Queue/${queue?.inputs.name ?? queue?.name}`;
    expect(invokeConfig?.inputs.destinationConfig.onFailure.destination).toBe(queueArn);
    // A failed tick is not retried: the next minute's tick supersedes it.
    expect(configs.find((c) => c.name.startsWith("Tick"))?.inputs.maximumRetryAttempts).toBe(0);
  });

  it("runs backtest jobs in their own function (15 min, 2048 MB, no retries) that only the api may start", () => {
    const fn = one("aws:lambda/function:Function", "BacktestFunction");
    expect(fn.inputs).toMatchObject({ runtime: "nodejs22.x", timeout: 900, memorySize: 2048 });
    expect(fn.inputs.environment.variables.TABLE_NAME).toBeTruthy();
    const configs = ofType("aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig");
    expect(configs.find((c) => c.name.startsWith("Backtest"))?.inputs.maximumRetryAttempts).toBe(0);
    const api = one("aws:lambda/function:Function", "ApiHandlerFunction");
    const functionName = api.inputs.environment.variables.BACKTEST_FUNCTION_NAME;
    expect(functionName).toBe(fn.inputs.name ?? fn.name);
    const statementsOf = (role: string) =>
      created
        .filter((r) => r.type === "aws:iam/role:Role" && r.name.startsWith(role))
        .flatMap((r) =>
          (r.inputs.inlinePolicies ?? []).flatMap((p: Any) => JSON.parse(p.policy).Statement as Any[]),
        );
    const invokes = (role: string) =>
      statementsOf(role).filter((s) => [s.Action].flat().includes("lambda:InvokeFunction"));
    expect(invokes("ApiHandler")).toHaveLength(1);
    expect([invokes("ApiHandler")[0]?.Resource].flat()).toEqual([expect.stringContaining("Backtest")]);
    const startsBacktest = (role: string) =>
      invokes(role).filter((s) => [s.Resource].flat().some((r: string) => r.includes("Backtest")));
    for (const role of ["Tick", "Alarm", "Backtest"]) expect(startsBacktest(role), role).toEqual([]);
  });

  it("keeps every function's logs for a month", () => {
    const groups = ["Tick", "Alarm", "ApiHandler", "Backtest"].map((fn) =>
      one("aws:cloudwatch/logGroup:LogGroup", `${fn}LogGroup`),
    );
    for (const group of groups) expect(group.inputs.retentionInDays).toBe(30);
  });

  it("requires IAM auth on every API route", () => {
    const routes = ofType("aws:apigatewayv2/route:Route");
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route.inputs.authorizationType, route.name).toBe("AWS_IAM");
  });

  it("deploys no dashboard site, and the API answers no CORS (`gantry dashboard` serves it, same-origin)", () => {
    const site = created.filter(
      (r) => /StaticSite|cloudfront/i.test(r.type) || r.name.startsWith("Dashboard"),
    );
    expect(site.map((r) => `${r.type} ${r.name}`)).toEqual([]);
    // S3 holds only the functions' code (in SST's bootstrap bucket): no bucket of the app's own.
    const objects = ofType("aws:s3/bucketObjectv2:BucketObjectv2").map((r) => r.name);
    expect(created.filter((r) => r.type.startsWith("aws:s3/")).map((r) => r.name)).toEqual(objects);
    expect(objects.sort()).toEqual(["AlarmCode", "ApiHandlerCode", "BacktestCode", "TickCode"]);
    const api = one("aws:apigatewayv2/api:Api", "ApiApi");
    expect(api.inputs.protocolType).toBe("HTTP");
    expect(api.inputs.corsConfiguration?.allowOrigins).toBeUndefined();
  });

  it("grants scaling writes only on gantry:managed=true resources, alarm writes on this stage's alarms, no wildcard actions", () => {
    const policies = ofType("aws:iam/rolePolicy:RolePolicy").concat(ofType("aws:iam/policy:Policy"));
    const statements = policies.flatMap((p) => JSON.parse(p.inputs.policy).Statement as Any[]);
    const roles = ofType("aws:iam/role:Role").flatMap((r) =>
      (r.inputs.inlinePolicies ?? []).flatMap((p: Any) => JSON.parse(p.policy).Statement as Any[]),
    );
    const all = statements.concat(roles);
    expect(all.length).toBeGreaterThan(0);
    const writes = [
      "ecs:UpdateService",
      "autoscaling:SetDesiredCapacity",
      "autoscaling:SetInstanceProtection",
      "autoscaling:TerminateInstanceInAutoScalingGroup",
      "ecs:UpdateContainerInstancesState",
      "ecs:UpdateCapacityProvider",
    ];
    // The cluster stage's reads (stage 2).
    const capacityReads = [
      "autoscaling:DescribeAutoScalingGroups",
      "ecs:ListContainerInstances",
      "ecs:DescribeContainerInstances",
      "ecs:ListTasks",
      "ecs:DescribeTasks",
      "ecs:DescribeTaskDefinition",
      "ecs:DescribeCapacityProviders",
    ];
    for (const statement of all) {
      const actions: string[] = [statement.Action].flat();
      for (const action of actions) {
        expect(action, "wildcard action").not.toMatch(/^\*$|:\*$/);
        if (writes.includes(action)) {
          expect(statement.Condition, action).toEqual({
            StringEquals: { "aws:ResourceTag/gantry:managed": "true" },
          });
        }
        if (action === "cloudwatch:PutMetricAlarm" || action === "cloudwatch:DeleteAlarms") {
          // This stage's alarms only: another stage's tick in the same account cannot write them.
          expect([statement.Resource].flat()).toEqual([`arn:aws:cloudwatch:*:*:alarm:gantry-${STAGE}-*`]);
        }
        if (action === "events:PutEvents") expect([statement.Resource].flat()).toEqual([DEFAULT_BUS_ARN]);
      }
    }
    const granted = new Set(all.flatMap((s) => [s.Action].flat()));
    for (const action of [...writes, ...capacityReads]) expect(granted.has(action), action).toBe(true);
    expect(granted.has("cloudwatch:PutMetricAlarm")).toBe(true);
  });

  it("exports the API's URL and the resources' names, and no dashboard URL", () => {
    // `_protect` and the like are SST's own.
    const ours = Object.keys(outputs).filter((key) => !key.startsWith("_"));
    expect(ours.sort()).toEqual(
      [
        "GantryOperator",
        "GantryReadOnly",
        "alarm",
        "alarmFailures",
        "alerts",
        "api",
        "backtest",
        "dashboard",
        "table",
        "tick",
      ].sort(),
    );
    expect(outputs.api).toMatch(/^https:\/\//);
    expect(outputs.GantryReadOnly).toMatch(/^arn:aws:.*GantryReadOnly/);
  });
});

describeOperations();
describeAccess();
