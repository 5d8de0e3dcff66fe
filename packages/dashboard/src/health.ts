// What needs an operator's attention, each with its reason, from what the API answers: a target's newest
// activity (failing), the list's problems (targets Gantry refuses to scale), the stale flag, the counts against
// the bounds, the suspended directions and dry run. Pure: the fleet and target pages render the result.
import type { Activity, CapacityGroup, TargetList, TargetView } from "./api-types.ts";

export type IssueKind = "failing" | "refused" | "stale" | "atMax" | "suspended" | "dryRun";

/** Most urgent first. */
export const ISSUE_KINDS: readonly IssueKind[] = [
  "failing",
  "refused",
  "stale",
  "atMax",
  "suspended",
  "dryRun",
];

export const ISSUE_LABELS: Record<IssueKind, string> = {
  failing: "failing",
  refused: "not scaled",
  stale: "stale",
  atMax: "at max",
  suspended: "suspended",
  dryRun: "dry run",
};

export interface Issue {
  kind: IssueKind;
  /** A target id (`service/…`) or a capacity group's log id (`capacity/<name>`). */
  subject: string;
  reason: string;
  /** A failure's first and last time (epoch ms), and how many passes it repeated. */
  since?: number;
  last?: number;
  count?: number;
}

/** The newest activity failed: the log's message is the reason. */
function failing(subject: string, newest: Activity | undefined): Issue[] {
  if (newest?.status !== "Failed") return [];
  const reason = [newest.statusMessage, ...newest.reasons.map((r) => `${r.code}: ${r.message}`)].join("; ");
  const last = newest.endTime ?? newest.startTime;
  return [{ kind: "failing", subject, reason, since: newest.startTime, last, count: newest.count ?? 1 }];
}

function stale(view: TargetView, list: Pick<TargetList, "stale" | "staleReason"> | undefined): Issue[] {
  if (!view.stale) return [];
  const shown = view.counts ? "the counts shown are its last decision's" : "no counts to show";
  const reason = list?.stale
    ? `ECS did not answer (${list.staleReason ?? "error"}); ${shown}`
    : `ECS did not report this service; ${shown}`;
  return [{ kind: "stale", subject: view.id, reason }];
}

function atMax(view: TargetView): Issue[] {
  const { maxCapacity } = view.config.target;
  const desired = view.counts?.desiredCount;
  if (desired === undefined || desired < maxCapacity) return [];
  const capped = view.lastDecision?.reasons.find(
    (r) => r.code === "AlreadyAtMaxCapacity" || r.code === "AboveMaxCapacity",
  );
  const reason = capped
    ? `${capped.code}: ${capped.message}`
    : `desired ${desired} is the maximum, ${maxCapacity}`;
  return [{ kind: "atMax", subject: view.id, reason }];
}

/** Holds that stop Gantry: an ECS deployment in progress blocks scale-in; another controller owns the service. */
const REFUSING = new Set(["TargetServicePutResourceAsUnscalable", "ManagedByApplicationAutoScaling"]);

function refusedByDecision(view: TargetView): Issue[] {
  const held = view.lastDecision?.reasons.find((r) => REFUSING.has(r.code));
  return held ? [{ kind: "refused", subject: view.id, reason: held.message }] : [];
}

function suspended(view: TargetView): Issue[] {
  const s = view.config.target.suspendedState;
  const directions = [
    s.dynamicScalingOutSuspended && "scale-out",
    s.dynamicScalingInSuspended && "scale-in",
    s.scheduledScalingSuspended && "scheduled scaling",
  ].filter((d): d is string => typeof d === "string");
  if (directions.length === 0) return [];
  return [
    { kind: "suspended", subject: view.id, reason: `${directions.join(", ")} suspended until resumed` },
  ];
}

function dryRun(view: TargetView): Issue[] {
  if (!view.config.target.dryRun) return [];
  return [
    { kind: "dryRun", subject: view.id, reason: "decides and records, but does not change the service" },
  ];
}

/** One target's issues, most urgent first; `newest` is its newest activity. */
export function targetIssues(
  view: TargetView,
  newest: Activity | undefined,
  list?: Pick<TargetList, "stale" | "staleReason">,
): Issue[] {
  return sortIssues([
    ...failing(view.id, newest),
    ...refusedByDecision(view),
    ...stale(view, list),
    ...atMax(view),
    ...suspended(view),
    ...dryRun(view),
  ]);
}

/** Every issue of the fleet: its targets', its unreadable items' and its capacity groups' failures. */
export function fleetIssues(
  list: TargetList,
  newestOf: (targetId: string) => Activity | undefined,
  groups: readonly CapacityGroup[] = [],
): Issue[] {
  const corrupt = list.problems.map((p): Issue => {
    const reason = `its stored item cannot be read (${p.code}: ${p.message}); repair it with PUT or DELETE`;
    return { kind: "refused", subject: p.id, reason };
  });
  const targets = list.items.flatMap((view) => targetIssues(view, newestOf(view.id), list));
  const capacity = groups.flatMap((g) => failing(`capacity/${g.name}`, g.lastActivity ?? undefined));
  return sortIssues([...corrupt, ...targets, ...capacity]);
}

function sortIssues(issues: Issue[]): Issue[] {
  const rank = (issue: Issue) => ISSUE_KINDS.indexOf(issue.kind);
  return issues.sort((a, b) => rank(a) - rank(b) || a.subject.localeCompare(b.subject));
}
