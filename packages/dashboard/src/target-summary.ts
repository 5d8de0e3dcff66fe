// Short texts about a target, shared by the fleet and target pages.
import type { Policy, Reason, TargetView } from "./api-types.ts";
import { el, formatTime } from "./dom.ts";

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

/** Badges for dry run and suspended directions. */
export function modeBadges(view: TargetView): HTMLElement {
  const { dryRun, suspendedState: s } = view.config.target;
  const badges = el("span", { "data-testid": "mode" });
  if (dryRun) badges.append(el("span", { class: "badge warn" }, "dry run"));
  if (s.dynamicScalingOutSuspended) badges.append(el("span", { class: "badge" }, "out suspended"));
  if (s.dynamicScalingInSuspended) badges.append(el("span", { class: "badge" }, "in suspended"));
  if (s.scheduledScalingSuspended) badges.append(el("span", { class: "badge" }, "scheduled suspended"));
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

export function lastAction(view: TargetView): HTMLElement {
  const decision = view.lastDecision;
  if (!decision) return el("span", { class: "muted" }, "no decision yet");
  return el(
    "div",
    { "data-testid": "last-action" },
    el("strong", { class: `action ${decision.action}` }, decision.action),
    ` → ${decision.desiredCapacity} at ${formatTime(decision.at)}`,
    decision.dryRun && el("span", { class: "badge warn" }, "dry run"),
    reasonList(decision.reasons),
  );
}
