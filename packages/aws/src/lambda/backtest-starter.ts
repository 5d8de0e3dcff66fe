import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { type AwsClientOptions, awsClientConfig } from "../clients.ts";
import { callAws } from "../sdk-errors.ts";

/** Starts a backtest job without waiting for it. */
export type StartBacktest = (jobId: string) => Promise<void>;

export interface BacktestStarterOptions extends AwsClientOptions {
  functionName: string;
  /** Default: a LambdaClient with Gantry's shared client configuration. */
  client?: LambdaClient;
}

/** Invokes the `backtest` function asynchronously (InvocationType Event) with `{ jobId }` as its event. */
export function createBacktestStarter({ functionName, client, ...clientOptions }: BacktestStarterOptions) {
  const lambda = client ?? new LambdaClient(awsClientConfig(clientOptions));
  const start: StartBacktest = async (jobId) => {
    const command = new InvokeCommand({
      FunctionName: functionName,
      InvocationType: "Event",
      Payload: new TextEncoder().encode(JSON.stringify({ jobId })),
    });
    await callAws({ action: "lambda:InvokeFunction", resource: functionName }, () => lambda.send(command));
  };
  return start;
}
