// Every AWS call the Lambda functions' adapters make is granted to some function (infra/permissions.ts): a call
// added in packages/aws without its IAM action would pass every mocked test and fail AccessDenied once deployed.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { grantedActions } from "./iam-list.ts";

const AWS_SRC = resolve(import.meta.dirname, "../../packages/aws/src");

/** IAM service prefix per SDK package. */
const PREFIX: Record<string, string> = {
  "@aws-sdk/client-application-auto-scaling": "application-autoscaling",
  "@aws-sdk/client-auto-scaling": "autoscaling",
  "@aws-sdk/client-cloudwatch": "cloudwatch",
  "@aws-sdk/client-dynamodb": "dynamodb",
  "@aws-sdk/lib-dynamodb": "dynamodb",
  "@aws-sdk/client-ecs": "ecs",
  "@aws-sdk/client-eventbridge": "events",
  "@aws-sdk/client-lambda": "lambda",
  "@aws-sdk/client-sqs": "sqs",
};

/** The document client's commands are named apart from the DynamoDB actions they send. */
const DOCUMENT_ACTIONS: Record<string, string> = {
  Get: "GetItem",
  Put: "PutItem",
  Update: "UpdateItem",
  Delete: "DeleteItem",
  BatchGet: "BatchGetItem",
  BatchWrite: "BatchWriteItem",
  TransactWrite: "TransactWriteItems",
};

/** SDK operations whose IAM action has another name. */
const IAM_NAMES: Record<string, string> = { "lambda:Invoke": "lambda:InvokeFunction" };

/** Adapters only `gantry import` runs, on the user's own credentials, never in a Lambda function. */
const CLI_ONLY = [
  "application-autoscaling/aas-import-reader.ts",
  "application-autoscaling/aas-deregister.ts",
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** `service:Action` for each command sent or paginated in `file`, read from its imports. */
function actionsIn(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const moduleOf = new Map<string, string>();
  for (const [, names, module] of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    for (const name of (names ?? "").split(",")) moduleOf.set(name.replace("type ", "").trim(), module ?? "");
  }
  const actions: string[] = [];
  for (const match of text.matchAll(/\bnew (\w+)Command\(|\bpaginate(\w+)\(/g)) {
    const imported = match[1] ? `${match[1]}Command` : `paginate${match[2]}`;
    const module = moduleOf.get(imported);
    const prefix = module === undefined ? undefined : PREFIX[module];
    if (prefix === undefined) continue;
    const name = (match[1] ?? match[2]) as string;
    const action = module === "@aws-sdk/lib-dynamodb" ? (DOCUMENT_ACTIONS[name] ?? name) : name;
    const operation = `${prefix}:${action}`;
    actions.push(IAM_NAMES[operation] ?? operation);
  }
  return actions;
}

describe("the AWS calls of the functions' adapters", () => {
  const files = sources(AWS_SRC).filter((f) => !CLI_ONLY.includes(relative(AWS_SRC, f)));
  const called = [...new Set(files.flatMap(actionsIn))].sort();

  it("are found (the scan reads the adapters)", () => {
    expect(called).toEqual(
      expect.arrayContaining([
        "ecs:UpdateService",
        "dynamodb:BatchGetItem",
        "application-autoscaling:DescribeScalableTargets",
      ]),
    );
  });

  it("are each granted to some function", () => {
    const granted = new Set(grantedActions());
    expect(called.filter((action) => !granted.has(action))).toEqual([]);
  });
});
