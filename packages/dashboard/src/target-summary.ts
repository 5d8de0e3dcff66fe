// Short texts about a target, shared by the fleet and target pages.
import type { Activity, Policy, Reason, TargetView } from "./api-types.ts";
import { formatTime } from "./clock.ts";
import { el } from "./dom.ts";

function metricName(metric: Record<string, unknown> | undefined): string {
  if (!metric) return "";
  if (typeof metric.predefined === "string") return metric.predefined;
  return Object.keys(metric)[0] ?? "";
}

export function policySummary(policies: readonly Policy[]): string {
  if (policies.length === 0) return "no policy";
  return policies
    .map((p) => {
      const target = p.type === "TargetTracking" ? ` → ${p.targetValue}` : "";
      return `${p.name} (${p.type}, ${metricName(p.metric)}${target})`;
    })
    .join("; ");
}

/** Badges for dry run, each suspended direction and stale counts. */
export function modeBadges(view: TargetView): HTMLElement {
  const { dryRun, suspendedState: s } = view.config.target;
  const badges = el("span", { "data-testid": "mode" });
  if (dryRun) badges.append(el("span", { class: "badge warn" }, "dry run"));
  if (s.dynamicScalingOutSuspended) badges.append(el("span", { class: "badge" }, "scale-out suspended"));
  if (s.dynamicScalingInSuspended) badges.append(el("span", { class: "badge" }, "scale-in suspended"));
  if (s.scheduledScalingSuspended)
    badges.append(el("span", { class: "badge" }, "scheduled scaling suspended"));
  if (view.stale) badges.append(el("span", { class: "badge warn" }, "stale counts"));
  return badges;
}

export function reasonList(reasons: readonly Reason[]): HTMLElement {
  return el(
    "ul",
    { class: "reasons" },
    ...reasons.map((r) => el("li", {}, el("code", {}, r.code), " ", r.message)),
  );
}

/** The newest scale-out or scale-in among `activities` (newest first); holds and failures are not actions. */
export function lastScaling(activities: readonly Activity[]): Activity | undefined {
  return activities.find((a) => a.action !== "None");
}

/** A scaling activity as the fleet's "Last action": what, from and to, when, whether it took, and why. */
export function lastAction(activity: Activity | undefined): HTMLElement {
  if (!activity) return el("span", { class: "muted", "data-testid": "last-action" }, "none recently");
  const took = activity.status === "Successful" ? "" : ` (${activity.status})`;
  return el(
    "div",
    { "data-testid": "last-action", "data-action": activity.action },
    el("strong", { class: `action ${activity.action}` }, activity.action),
    ` ${activity.fromCapacity} → ${activity.toCapacity} at ${formatTime(activity.startTime)}${took}`,
    activity.dryRun && el("span", { class: "badge warn" }, "dry run"),
    reasonList(activity.reasons),
  );
}

/** The latest decision, a hold named as one: "Holding at 40" rather than "None → 40". */
export function latestDecision(view: TargetView): HTMLElement {
  const decision = view.lastDecision;
  if (!decision) return el("p", { class: "muted", "data-testid": "last-decision" }, "No decision yet.");
  const what =
    decision.action === "None"
      ? el("strong", {}, `Holding at ${decision.desiredCapacity}`)
      : el(
          "span",
          {},
          el("strong", { class: `action ${decision.action}` }, decision.action),
          ` ${decision.observed.desiredCount} → ${decision.desiredCapacity}`,
        );
  return el(
    "div",
    { "data-testid": "last-decision" },
    el("span", { class: "muted" }, "Latest decision: "),
    what,
    ` at ${formatTime(decision.at)}`,
    decision.dryRun && el("span", { class: "badge warn" }, "dry run"),
    reasonList(decision.reasons),
  );
}
