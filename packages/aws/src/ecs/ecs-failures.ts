import type { Failure } from "@aws-sdk/client-ecs";
import { GantryError } from "@gantry/core";

/**
 * ECS batch APIs report per-item problems in `failures` instead of throwing. `MISSING` means the resource does
 * not exist, which callers report as missing; any other reason is an error.
 */
export function missingArns(failures: readonly Failure[] | undefined, action: string): string[] {
  const missing: string[] = [];
  const other: string[] = [];
  for (const failure of failures ?? []) {
    if (failure.reason === "MISSING") missing.push(failure.arn ?? "");
    else
      other.push(
        `${failure.arn ?? "?"}: ${failure.reason ?? "unknown"}${failure.detail ? ` (${failure.detail})` : ""}`,
      );
  }
  if (other.length > 0) throw new GantryError("EcsFailure", `${action} failed: ${other.join("; ")}`);
  return missing;
}

/** The last path segment of an ECS ARN or name: `arn:aws:ecs:…:service/cluster/web` → `web`. */
export function resourceName(arnOrName: string): string {
  return arnOrName.slice(arnOrName.lastIndexOf("/") + 1);
}
