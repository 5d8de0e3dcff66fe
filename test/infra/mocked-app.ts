// Runs sst.config.ts's run() under Pulumi's unit-test mocks, the way SST tests its own components
// (platform/test/components), and records every resource it registers, for the specs to assert. Needs `sst install`
// (.sst/platform): run through `npm run test:infra`, never the root vitest run.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import { startRpcStandIn } from "./rpc-stand-in.ts";

// biome-ignore lint/suspicious/noExplicitAny: the platform is untyped from here (it is not in the root tsconfig)
export type Any = any;
export interface Created {
  type: string;
  name: string;
  inputs: Any;
}

const root = resolve(import.meta.dirname, "../..");
const platform = join(root, ".sst/platform");
const g = globalThis as Any;
export const created: Created[] = [];
export let rpc: Awaited<ReturnType<typeof startRpcStandIn>>;
export const outputs: Record<string, Any> = {};

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const DEFAULT_BUS_ARN = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`;
/** The stage the mocked app deploys (`$app.stage` below); its alarms are named `gantry-ci-…`. */
export const STAGE = "ci";
/** What the deploying shell sets as GANTRY_ALERT_EMAIL (infra/stage-settings.ts). */
export const ALERT_EMAIL = "ops@example.com";
/** And GANTRY_TICK_MEMORY_MB: a tick sized for a large fleet (one vCPU). */
export const TICK_MEMORY_MB = "1769";

/** Platform modules by path: the same files (and so the same @pulumi/pulumi instance) the components use. */
const load = (path: string): Promise<Any> => import(join(platform, path));

/**
 * Resources inside apply() callbacks (after the esbuild builds) register late: wait until the last ones (the four
 * Lambda functions and the API's six routes) exist and nothing new arrives for 1 s.
 */
async function settle() {
  const lateOnes = () =>
    created.filter(
      (r) => r.type === "aws:lambda/function:Function" || r.type === "aws:apigatewayv2/route:Route",
    ).length;
  let seen = -1;
  while (seen !== created.length || lateOnes() < 10) {
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

/** Runs the app once under the mocks; call from beforeAll. */
export async function startMockedApp(): Promise<void> {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  process.env.GANTRY_ALERT_EMAIL = ALERT_EMAIL;
  process.env.GANTRY_TICK_MEMORY_MB = TICK_MEMORY_MB;
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
  const exported = await pulumi.runtime.runInPulumiStack(() => run(config.run));
  await settle();
  for (const key of Object.keys(exported)) outputs[key] = await resolveOutput(exported[key]);
}

export async function stopMockedApp(): Promise<void> {
  await rpc?.close();
}

export const ofType = (type: string) => created.filter((r) => r.type === type);
export const one = (type: string, name: string) => {
  const found = created.filter((r) => r.type === type && r.name === name);
  expect(found, `${type} ${name}`).toHaveLength(1);
  return found[0] as Created;
};
