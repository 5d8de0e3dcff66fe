import { TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { describe, expect, it } from "vitest";
import { createAwsClients, DEFAULT_MAX_ATTEMPTS } from "./clients.ts";

describe("createAwsClients", () => {
  it("gives every client adaptive retry and the attempt budget", async () => {
    const clients = createAwsClients(TEST_CLIENT_CONFIG);
    for (const client of Object.values(clients)) {
      const strategy = await client.config.retryStrategy();
      expect(strategy.mode).toBe("adaptive");
      expect(await client.config.maxAttempts()).toBe(DEFAULT_MAX_ATTEMPTS);
      expect(await client.config.region()).toBe("eu-west-1");
      client.destroy();
    }
  });

  it("takes another attempt budget", async () => {
    const { sqs } = createAwsClients({ ...TEST_CLIENT_CONFIG, maxAttempts: 2 });
    expect(await sqs.config.maxAttempts()).toBe(2);
    sqs.destroy();
  });
});
