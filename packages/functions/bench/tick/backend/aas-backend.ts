// Application Auto Scaling's DescribeScalableTargets: the bench's account is migrated, nothing is registered.
// The tick asks it at most once a minute per container (aas-registrations.ts); the call is counted, not priced
// (AAS's API is free).
import { AwsError, type ServiceHandler } from "./aws-error.ts";

export function aasBackend(): ServiceHandler {
  return (operation) => {
    if (operation !== "DescribeScalableTargets") {
      throw new AwsError(
        "UnknownOperationException",
        `the bench does not emulate application-autoscaling:${operation}`,
      );
    }
    return { ScalableTargets: [] };
  };
}
