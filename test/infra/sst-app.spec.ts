// Runs sst.config.ts's run() under Pulumi's unit-test mocks, the way SST tests its own components
// (platform/test/components), and asserts the resources Gantry deploys. Needs `sst install` (.sst/platform):
// run through `npm run test:infra`, never the root vitest run.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRpcStandIn } from "./rpc-stand-in.ts";

// biome-ignore lint/suspicious/noExplicitAny: the platform is untyped from here (it is not in the root tsconfig)
type Any = any;
interface Created {
  type: string;
  name: string;
  inputs: Any;
}

const root = resolve(import.meta.dirname, "../..");
const platform = join(root, ".sst/platform");
const g = globalThis as Any;
const created: Created[] = [];
let rpc: Awaited<ReturnType<typeof startRpcStandIn>>;
let outputs: Any;

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const DEFAULT_BUS_ARN = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`;
/** The stage the mocked app deploys (`$app.stage` below); its alarms are named `gantry-ci-…`. */
const STAGE = "ci";

/** Platform modules by path: the same files (and so the same @pulumi/pulumi instance) the components use. */
const load = (path: string): Promise<Any> => import(join(platform, path));

/**
 * Resources inside apply() callbacks (after the esbuild builds) register late: wait until the last ones (the three
 * Lambda functions and the API route) exist and nothing new arrives for 1 s.
 */
async function settle() {
  const lateOnes = () =>
    created.filter(
      (r) => r.type === "aws:lambda/function:Function" || r.type === "aws:apigatewayv2/route:Route",
    ).length;
  let seen = -1;
  while (seen !== created.length || lateOnes() < 4) {
    seen = created.length;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const single = (values: string[] | undefined) => (values?.length === 1 ? values[0] : values);

/** The JSON the AWS provider's getPolicyDocument would render (single values unwrapped, as it does). */
function policyJson(statements: Any[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      Effect: s.effect ?? "Allow",
      Action: single(s.actions),
      Resource: single(s.resources),
      ...(s.conditions?.length
        ? {
            Condition: Object.fromEntries(
              s.conditions.map((c: Any) => [c.test, { [c.variable]: single(c.values) }]),
            ),
          }
        : {}),
    })),
  });
}

function resolveOutput<T>(value: Any): Promise<T> {
  return new Promise((done) => (g.$util.output(value) as Any).apply((v: T) => done(v)));
}

beforeAll(async () => {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  rpc = await startRpcStandIn(root, mkdtempSync(join(tmpdir(), "gantry-infra-")));
  process.env.SST_SERVER = rpc.url;

  const pulumi = await load("node_modules/@pulumi/pulumi/index.js");
  pulumi.runtime.setMocks(
    {
      newResource(args: Any) {
        created.push({ type: args.type, name: args.name, inputs: args.inputs });
        const name = args.inputs.name ?? args.name;
        return {
          id: `${args.name}-id`,
          state: {
            ...args.inputs,
            name,
            arn: `arn:aws:mock:${REGION}:${ACCOUNT}:${args.type}/${name}`,
            url: `https://${args.name}.example.com`,
            apiEndpoint: `https://${args.name}.execute-api.${REGION}.amazonaws.com`,
            executionArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${args.name}`,
            domainName: `${args.name}.cloudfront.net`,
          },
        };
      },
      call(args: Any) {
        if (args.token === "aws:iam/getPolicyDocument:getPolicyDocument") {
          return { ...args.inputs, json: policyJson(args.inputs.statements) };
        }
        if (args.token === "aws:cloudwatch/getEventBus:getEventBus") {
          return { ...args.inputs, arn: DEFAULT_BUS_ARN, name: "default", id: "default" };
        }
        return {
          ...args.inputs,
          accountId: ACCOUNT,
          region: REGION,
          name: REGION,
          partition: "aws",
          id: REGION,
        };
      },
    },
    "gantry",
    STAGE,
    false,
  );

  // What the CLI's generated entry point sets up before it loads sst.config.ts.
  g.$app = { name: "gantry", stage: STAGE, removal: "remove", home: "aws", providers: {}, protect: false };
  g.$dev = false;
  g.$cli = {
    command: "deploy",
    rpc: rpc.url,
    paths: { home: root, root, work: join(root, ".sst"), platform },
    state: { version: {} },
  };
  Object.assign(g, await load("src/shim/run.js"));
  g.aws = await load("node_modules/@pulumi/aws/index.js");
  g.sst = await load("src/components/index.ts");

  const { run } = await load("src/auto/run.ts");
  const config = (await import(join(root, "sst.config.ts"))).default;
  // The CLI runs the program as a Pulumi stack; run() registers stack transformations, which need one.
  outputs = await pulumi.runtime.runInPulumiStack(() => run(config.run));
  await settle();
  for (const key of Object.keys(outputs)) outputs[key] = await resolveOutput(outputs[key]);
}, 120_000);

afterAll(async () => {
  await rpc?.close();
});

const ofType = (type: string) => created.filter((r) => r.type === type);
const one = (type: string, name: string) => {
  const found = created.filter((r) => r.type === type && r.name === name);
  expect(found, `${type} ${name}`).toHaveLength(1);
  return found[0] as Created;
};

describe("the Gantry SST app", () => {
  it("bundles each handler from its real file", () => {
    expect(rpc.built.map((b) => [b.functionId, b.handler]).sort()).toEqual([
      ["Alarm", "packages/functions/src/alarm.handler"],
      ["ApiHandler", "packages/functions/src/api.handler"],
      ["Backtest", "packages/functions/src/backtest.handler"],
      ["Tick", "packages/functions/src/tick.handler"],
    ]);
  });

  it("runs every function on arm64 and has SST minify its bundle", () => {
    const functions = ofType("aws:lambda/function:Function");
    expect(functions).toHaveLength(4);
    for (const fn of functions) expect(fn.inputs.architectures, fn.name).toEqual(["arm64"]);
    for (const build of rpc.built) {
      expect(build.properties, build.functionId).toMatchObject({ minify: true, architecture: "arm64" });
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

  it("runs tick every minute on Node 22 with 75 s, 512 MB and the environment", () => {
    const fn = one("aws:lambda/function:Function", "TickFunction");
    expect(fn.inputs).toMatchObject({ runtime: "nodejs22.x", timeout: 75, memorySize: 512 });
    expect(fn.inputs.environment.variables).toMatchObject({
      EVENT_BUS_NAME: "default",
      SUB_TICK_SECONDS: "15",
      GANTRY_STAGE: STAGE,
    });
    expect(fn.inputs.environment.variables.TABLE_NAME).toBeTruthy();
    const [schedule] = ofType("aws:scheduler/schedule:Schedule");
    expect(schedule?.inputs.scheduleExpression).toBe("rate(1 minute)");
  });

  it("runs alarm (30 s) on this stage's alarm state changes only, with an on-failure queue", () => {
    const fn = one("aws:lambda/function:Function", "AlarmFunction");
    expect(fn.inputs).toMatchObject({ runtime: "nodejs22.x", timeout: 30 });
    expect(fn.inputs.environment.variables.GANTRY_STAGE).toBe(STAGE);
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
    expect(ours.sort()).toEqual(["alarm", "alarmFailures", "api", "backtest", "table", "tick"]);
    expect(outputs.api).toMatch(/^https:\/\//);
  });
});
