import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createStateTableInput } from "@gantry/aws";
import dynalite from "dynalite";

/** A running in-memory DynamoDB (dynalite) on loopback with the state table created. Test-only. */
export interface DynaliteTestServer {
  client: DynamoDBClient;
  tableName: string;
  endpoint: string;
  close(): Promise<void>;
}

/** Never reaches AWS: loopback endpoint, fixed region, static fake credentials, no metadata lookups. */
export async function startDynaliteTestServer(tableName = "gantry-state-test"): Promise<DynaliteTestServer> {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("dynalite has no TCP address");
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "fake", secretAccessKey: "fake" },
    maxAttempts: 1,
  });
  await client.send(new CreateTableCommand(createStateTableInput(tableName)));
  const close = async () => {
    client.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  };
  return { client, tableName, endpoint, close };
}
