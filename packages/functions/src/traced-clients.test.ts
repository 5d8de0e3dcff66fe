import "@gantry/testing/test-env";
import { createAwsClients } from "@gantry/aws";
import { describe, expect, it } from "vitest";
import { traceClients } from "./traced-clients.ts";

describe("traceClients", () => {
  it("captures every SDK client Gantry builds, and returns the same clients", () => {
    const captured: unknown[] = [];
    const clients = createAwsClients({ region: "us-east-1" });
    const traced = traceClients(clients, {
      captureAWSv3Client: <T>(client: T) => {
        captured.push(client);
        return client;
      },
    });
    expect(traced).toBe(clients);
    expect(captured).toEqual(Object.values(clients));
    expect(captured).toHaveLength(7);
  });
});
