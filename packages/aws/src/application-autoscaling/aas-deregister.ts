import {
  type ApplicationAutoScalingClient,
  DeregisterScalableTargetCommand,
} from "@aws-sdk/client-application-auto-scaling";
import { GantryError } from "@gantry/core";
import { awsErrorName, callAws } from "../sdk-errors.ts";
import { ECS_DESIRED_COUNT, ECS_NAMESPACE } from "./aas-setup.ts";

/** What deregistering one ECS service did: removed, or it was not registered (any more). */
export type DeregisterOutcome = "deregistered" | "notRegistered";

/**
 * Removes one ECS service (`service/<cluster>/<service>`) from Application Auto Scaling. AWS deletes its scaling
 * policies, scheduled actions and target tracking alarms with it [AWS DeregisterScalableTarget]. Other failures
 * throw domain errors naming the action and the service.
 */
export async function deregisterScalableTarget(
  client: ApplicationAutoScalingClient,
  resourceId: string,
): Promise<DeregisterOutcome> {
  const command = new DeregisterScalableTargetCommand({
    ServiceNamespace: ECS_NAMESPACE,
    ScalableDimension: ECS_DESIRED_COUNT,
    ResourceId: resourceId,
  });
  const context = { action: "application-autoscaling:DeregisterScalableTarget", resource: resourceId };
  try {
    await callAws(context, () => client.send(command));
    return "deregistered";
  } catch (error) {
    // AAS's own "not found" name, which the shared classifier does not list.
    if (error instanceof GantryError && awsErrorName(error) === "ObjectNotFoundException")
      return "notRegistered";
    throw error;
  }
}
