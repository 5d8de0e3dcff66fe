// Application Auto Scaling's setup → the targets of a `gantry apply` file, and everything that did not fit.
// Pure: the same setup (from the SDK or from saved CLI output) always gives the same file.
import type {
  AasMetricAlarm,
  AasScalableTarget,
  AasScalingPolicy,
  AasScheduledAction,
  AasSetup,
} from "@gantry/aws";
import {
  type PolicyInput,
  ScheduledActionSchema,
  type TargetConfigInput,
  TargetConfigSchema,
  TargetSchema,
} from "@gantry/core";
import { checked } from "./checked.ts";
import { gantryName } from "./gantry-name.ts";
import { type ImportFinding, type Mapping, notCarried } from "./import-finding.ts";
import { mapPolicy } from "./map-policy.ts";
import { mapScalableTarget } from "./map-scalable-target.ts";
import { mapScheduledAction } from "./map-scheduled-action.ts";

export interface ImportResult {
  targets: TargetConfigInput[];
  findings: ImportFinding[];
}

interface Members {
  policies: AasScalingPolicy[];
  actions: AasScheduledAction[];
}

export function buildImport(setup: AasSetup): ImportResult {
  const alarms = new Map(setup.alarms.map((a) => [a.AlarmName ?? "", a]));
  const members = new Map<string, Members>();
  const of = (id: string | undefined) => members.get(id ?? "") ?? { policies: [], actions: [] };
  for (const t of setup.scalableTargets) members.set(t.ResourceId ?? "", { policies: [], actions: [] });
  const findings: ImportFinding[] = [];
  for (const p of setup.scalingPolicies) {
    if (members.has(p.ResourceId ?? "")) of(p.ResourceId).policies.push(p);
    else findings.push(orphan(`${p.ResourceId} policy ${p.PolicyName}`));
  }
  for (const a of setup.scheduledActions) {
    if (members.has(a.ResourceId ?? "")) of(a.ResourceId).actions.push(a);
    else findings.push(orphan(`${a.ResourceId} scheduled action ${a.ScheduledActionName}`));
  }
  const targets: TargetConfigInput[] = [];
  const sorted = [...setup.scalableTargets].sort((a, b) =>
    (a.ResourceId ?? "") < (b.ResourceId ?? "") ? -1 : 1,
  );
  for (const target of sorted) {
    const mapping = importTarget(target, of(target.ResourceId), alarms);
    findings.push(...mapping.findings);
    if (mapping.value) targets.push(mapping.value);
  }
  return { targets, findings };
}

function importTarget(
  source: AasScalableTarget,
  members: Members,
  alarms: ReadonlyMap<string, AasMetricAlarm>,
): Mapping<TargetConfigInput> {
  const id = source.ResourceId ?? "(no ResourceId)";
  const target = mapScalableTarget(source);
  const problems = target.ok ? checked(TargetSchema, id, { value: target.value, findings: [] }) : undefined;
  if (!target.ok || problems?.value === undefined) {
    const own = target.ok ? (problems?.findings ?? []) : [notCarried(id, target.problem)];
    return { findings: [...own, ...dropMembers(id, members)] };
  }
  const findings: ImportFinding[] = [];
  const policies = importPolicies(id, members.policies, alarms, findings);
  const scheduledActions = importActions(id, members.actions, findings);
  const config = {
    target: target.value,
    ...(policies.length > 0 && { policies }),
    ...(scheduledActions.length > 0 && { scheduledActions }),
  };
  const whole = checked(TargetConfigSchema, id, { value: config, findings });
  return whole.value === undefined ? { findings: [...whole.findings, ...dropMembers(id, members)] } : whole;
}

function importPolicies(
  id: string,
  sources: readonly AasScalingPolicy[],
  alarms: ReadonlyMap<string, AasMetricAlarm>,
  findings: ImportFinding[],
): PolicyInput[] {
  const taken = new Set<string>();
  const policies: PolicyInput[] = [];
  for (const source of sources) {
    const resource = `${id} policy ${source.PolicyName}`;
    const name = named(source.PolicyName ?? "", taken, resource, findings);
    const mapping = mapPolicy(source, name, resource, alarms);
    findings.push(...mapping.findings);
    if (mapping.value) policies.push(mapping.value);
  }
  return policies;
}

function importActions(id: string, sources: readonly AasScheduledAction[], findings: ImportFinding[]) {
  const taken = new Set<string>();
  const actions: unknown[] = [];
  for (const source of sources) {
    const resource = `${id} scheduled action ${source.ScheduledActionName}`;
    const name = named(source.ScheduledActionName ?? "", taken, resource, findings);
    const mapped = mapScheduledAction(source, name);
    if (!mapped.ok) {
      findings.push(notCarried(resource, mapped.problem));
      continue;
    }
    const mapping = checked(ScheduledActionSchema, resource, { value: mapped.value, findings: [] });
    findings.push(...mapping.findings);
    if (mapping.value) actions.push(mapping.value);
  }
  return actions as NonNullable<TargetConfigInput["scheduledActions"]>;
}

function named(awsName: string, taken: Set<string>, resource: string, findings: ImportFinding[]): string {
  const name = gantryName(awsName, taken);
  if (name !== awsName) {
    const why = `renamed to ${name} (Gantry's names are unique and use letters, digits, '.', '_' or '-')`;
    findings.push({ kind: "changed", resource, setting: "name", why });
  }
  return name;
}

function dropMembers(id: string, members: Members): ImportFinding[] {
  const why = "its scalable target is not carried over";
  return [
    ...members.policies.map((p) =>
      notCarried(`${id} policy ${p.PolicyName}`, { setting: "the whole of it", why }),
    ),
    ...members.actions.map((a) =>
      notCarried(`${id} scheduled action ${a.ScheduledActionName}`, { setting: "the whole of it", why }),
    ),
  ];
}

function orphan(resource: string): ImportFinding {
  return notCarried(resource, {
    setting: "ResourceId",
    why: "no ECS scalable target in the input has this ResourceId",
  });
}
