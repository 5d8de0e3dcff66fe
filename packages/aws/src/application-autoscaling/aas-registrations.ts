import {
  type ApplicationAutoScalingClient,
  paginateDescribeScalableTargets,
} from "@aws-sdk/client-application-auto-scaling";
import type { ApplicationAutoScalingPort } from "@gantry/core";
import { callAws } from "../sdk-errors.ts";
import { ECS_NAMESPACE } from "./aas-setup.ts";

export interface AasRegistrationsOptions {
  /** How long an answer is used before AAS is asked again (default 60 s: a hand-over shows within a minute). */
  freshMs?: number;
  /** How long the last answer stands in when AAS cannot be asked (default 15 min); then the error is thrown. */
  staleMs?: number;
  now?: () => number;
}

/**
 * The ECS services Application Auto Scaling has registered, from DescribeScalableTargets over every page (50 a
 * page: after a migration the list is short, usually one call). Asked at most once a minute per container and
 * shared by concurrent passes; an outage is bridged by the last answer for a while, so one failed call does not
 * hand a service to two controllers.
 */
export function createAasRegistrations(
  client: ApplicationAutoScalingClient,
  { freshMs = 60_000, staleMs = 15 * 60_000, now = Date.now }: AasRegistrationsOptions = {},
): ApplicationAutoScalingPort {
  let last: { at: number; ids: ReadonlySet<string> } | undefined;
  let inFlight: Promise<ReadonlySet<string>> | undefined;
  const refresh = async (): Promise<ReadonlySet<string>> => {
    try {
      const ids = await listRegistered(client);
      last = { at: now(), ids };
      return ids;
    } catch (error) {
      if (last && now() - last.at < staleMs) return last.ids;
      throw error;
    } finally {
      inFlight = undefined;
    }
  };
  return {
    registeredServices() {
      if (last && now() - last.at < freshMs) return Promise.resolve(last.ids);
      inFlight ??= refresh();
      return inFlight;
    },
  };
}

async function listRegistered(client: ApplicationAutoScalingClient): Promise<ReadonlySet<string>> {
  const ids = new Set<string>();
  await callAws({ action: "application-autoscaling:DescribeScalableTargets" }, async () => {
    const pages = paginateDescribeScalableTargets({ client }, { ServiceNamespace: ECS_NAMESPACE });
    for await (const page of pages) {
      for (const target of page.ScalableTargets ?? []) if (target.ResourceId) ids.add(target.ResourceId);
    }
  });
  return ids;
}
