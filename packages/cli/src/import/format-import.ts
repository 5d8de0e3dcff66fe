// The imported setup as a `gantry apply` file, with everything that did not fit listed as comments at the top.
import type { TargetConfigInput } from "@gantry/core";
import { Document } from "yaml";
import { countNotCarried, formatFinding, type ImportFinding } from "./import-finding.ts";

export function formatImport(
  targets: readonly TargetConfigInput[],
  findings: readonly ImportFinding[],
  source: string,
): string {
  const document = new Document({ targets });
  document.commentBefore = header(findings, source).join("\n");
  // lineWidth 0: long resource labels and metric math stay on one line, as AWS wrote them.
  return document.toString({ lineWidth: 0 });
}

function header(findings: readonly ImportFinding[], source: string): string[] {
  const lines = [
    ` Imported by \`gantry import\` from Application Auto Scaling (ECS), ${source}.`,
    " Review it, then: gantry apply -f <this file> --dry-run",
  ];
  const dropped = countNotCarried(findings);
  if (findings.length === 0) lines.push(" Every setting was carried over.");
  else
    lines.push(
      "",
      ` ${dropped} setting(s) not carried over, ${findings.length - dropped} changed to fit Gantry:`,
    );
  lines.push(...findings.map(item));
  return lines;
}

function item(finding: ImportFinding): string {
  // One finding per comment line: a newline inside (an AWS message) would end the comment.
  return `   ${formatFinding(finding).replace(/\s*\n\s*/g, " ")}`;
}
