import { ApplicationAutoScalingClient } from "@aws-sdk/client-application-auto-scaling";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { type AwsClientOptions, awsClientConfig } from "../clients.ts";
import type { AasImportClients } from "./aas-import-reader.ts";

/** The clients `gantry import` reads (and, with --deregister, writes) through, with Gantry's retry settings. */
export function createAasImportClients(options: AwsClientOptions = {}): AasImportClients {
  const config = awsClientConfig(options);
  return {
    applicationAutoScaling: new ApplicationAutoScalingClient(config),
    cloudWatch: new CloudWatchClient(config),
  };
}
