// The issues health.ts finds, as a list with each one's reason: at the top of the fleet page (every target and
// group) and of a target's page (its own).
import { formatTime } from "./clock.ts";
import { el, shortId } from "./dom.ts";
import { ISSUE_LABELS, type Issue } from "./health.ts";
import { subjectHref } from "./router.ts";

function when(issue: Issue): string {
  if (issue.since === undefined) return "";
  if (issue.count === undefined || issue.count < 2) return ` (at ${formatTime(issue.since)})`;
  return ` (${issue.count} passes since ${formatTime(issue.since)}, last ${formatTime(issue.last ?? issue.since)})`;
}

function item(issue: Issue, withSubject: boolean): HTMLLIElement {
  return el(
    "li",
    { "data-testid": "issue", "data-kind": issue.kind, "data-subject": issue.subject },
    el("span", { class: `badge issue ${issue.kind}` }, ISSUE_LABELS[issue.kind]),
    withSubject && el("a", { href: subjectHref(issue.subject) }, shortId(issue.subject)),
    withSubject && ": ",
    el("span", { "data-testid": "issue-reason" }, issue.reason),
    el("span", { class: "muted" }, when(issue)),
  );
}

/** The fleet's issues; a single line when there are none. */
export function renderFleetHealth(issues: Issue[], targetCount: number): HTMLElement {
  if (issues.length === 0) {
    return el("p", { class: "healthy", "data-testid": "health" }, `All ${targetCount} targets are healthy.`);
  }
  const subjects = new Set(issues.map((i) => i.subject)).size;
  return el(
    "section",
    { class: "attention", "data-testid": "health" },
    el("h2", {}, `Needs attention (${subjects})`),
    el("ul", { class: "issues" }, ...issues.map((issue) => item(issue, true))),
  );
}

/** A target's own issues, for the top of its page; empty (hidden) when it has none. */
export function renderTargetHealth(issues: Issue[]): HTMLElement {
  const box = el(
    "div",
    { class: "attention", "data-testid": "target-health" },
    el("ul", { class: "issues" }, ...issues.map((issue) => item(issue, false))),
  );
  box.hidden = issues.length === 0;
  return box;
}
