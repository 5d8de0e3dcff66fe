import { api, READ_METHODS } from "./api";

// Two managed policies for the people and tools that call the API (attach them to roles, users or groups).
// execute-api ARNs are `<api execution ARN>/<stage>/<METHOD>/<path>`; the `$default` route's is
// `<api execution ARN>/<stage>/$default`.

const executionArn = api.nodes.api.executionArn;
const region = aws.getRegionOutput().region;

/** Reads only: status, targets, activities, series, capacity, the OpenAPI document. */
export const readOnlyPolicy = new aws.iam.Policy("GantryReadOnly", {
  name: $interpolate`GantryReadOnly-${$app.stage}-${region}`,
  description: `Read Gantry's API (${$app.stage}): GET and HEAD routes only.`,
  policy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "execute-api:Invoke",
        Resource: READ_METHODS.map((method) => $interpolate`${executionArn}/*/${method}/*`),
      },
    ],
  }),
});

/** Everything: reads, applying and deleting targets, setting desired counts, starting backtests. */
export const operatorPolicy = new aws.iam.Policy("GantryOperator", {
  name: $interpolate`GantryOperator-${$app.stage}-${region}`,
  description: `Operate Gantry's API (${$app.stage}): every route.`,
  policy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: $interpolate`${executionArn}/*` }],
  }),
});
