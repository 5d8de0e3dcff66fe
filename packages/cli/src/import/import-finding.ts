// What `gantry import` could not carry over, or had to change to fit Gantry. Every one is printed on stderr and
// written into the file as a comment: nothing is dropped silently.

export interface ImportFinding {
  /** `notCarriedOver`: the setting is not in the file. `changed`: it is, in a form Gantry accepts. */
  kind: "notCarriedOver" | "changed";
  /** What it belongs to: `service/prod/web`, `service/prod/web policy cpu`, `… policy out alarm web-high`. */
  resource: string;
  /** The AWS setting, by AWS's name: `PolicyType PredictiveScaling`, `TreatMissingData`. */
  setting: string;
  why: string;
}

/** A setting that failed, before the resource it belongs to is known. */
export interface Problem {
  setting: string;
  why: string;
}

export function notCarried(resource: string, problem: Problem): ImportFinding {
  return { kind: "notCarriedOver", resource, ...problem };
}

export function formatFinding(finding: ImportFinding): string {
  const label = finding.kind === "notCarriedOver" ? "not carried over" : "changed";
  return `${label}: ${finding.resource}: ${finding.setting}: ${finding.why}`;
}

export function countNotCarried(findings: readonly ImportFinding[]): number {
  return findings.filter((f) => f.kind === "notCarriedOver").length;
}

/** A mapped value, or the reason it could not be mapped. */
export type Mapped<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export const mapped = <T>(value: T): Mapped<T> => ({ ok: true, value });
export const failed = <T>(setting: string, why: string): Mapped<T> => ({
  ok: false,
  problem: { setting, why },
});

/** A value (or none, when it cannot be carried over) and what the reader should know about it. */
export interface Mapping<T> {
  value?: T;
  findings: ImportFinding[];
}
