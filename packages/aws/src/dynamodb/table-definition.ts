import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The state table, as data: the SST app (infra) and the tests build the table from this one definition.
 * Generic string keys so that targets and activities share one table; `expiresAt` (epoch seconds) is the TTL.
 */
export const STATE_TABLE = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
  billingMode: "PAY_PER_REQUEST",
  attributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "S" },
  ],
  keySchema: [
    { AttributeName: "pk", KeyType: "HASH" },
    { AttributeName: "sk", KeyType: "RANGE" },
  ],
} as const;

/** The CreateTable request for the state table (tests and local tools; the deployed table comes from SST). */
export function createStateTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: STATE_TABLE.billingMode,
    AttributeDefinitions: STATE_TABLE.attributeDefinitions.map((d) => ({ ...d })),
    KeySchema: STATE_TABLE.keySchema.map((k) => ({ ...k })),
  };
}
