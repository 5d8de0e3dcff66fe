// The state table: targets, policies, schedules, per-target state and activities (DESIGN.md §4). Keys and the TTL
// attribute match STATE_TABLE in packages/aws/src/dynamodb/table-definition.ts, which the handlers and tests use.
export const table = new sst.aws.Dynamo("State", {
  fields: { pk: "string", sk: "string" },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  // Activities carry `expiresAt` (epoch seconds, 6 weeks out) so DynamoDB deletes them for free.
  ttl: "expiresAt",
  // sst.aws.Dynamo is on-demand by default; set explicitly because the cost model in the README assumes it.
  // Point-in-time recovery: targets and policies are users' config, restorable to any second of the last 35 days.
  transform: { table: { billingMode: "PAY_PER_REQUEST", pointInTimeRecovery: { enabled: true } } },
});
