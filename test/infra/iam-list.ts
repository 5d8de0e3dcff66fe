// The README's IAM list, rendered from infra/permissions.ts: one row per distinct statement, with the functions
// that get it, so the README says exactly what the deployed roles grant (readme-iam.spec.ts compares the two).
import {
  alarmPermissions,
  apiPermissions,
  backtestPermissions,
  type Permission,
  tickPermissions,
} from "../../infra/permissions.ts";

const TABLE = "the state table";
const BUS = "the default event bus";

/** Each function's statements, with its Pulumi outputs named in words. */
const GRANTS: Record<string, Permission[]> = {
  tick: tickPermissions(TABLE, BUS, "<stage>"),
  alarm: alarmPermissions(TABLE, BUS, "the AlarmFailures queue"),
  api: apiPermissions(TABLE, "the backtest function"),
  backtest: backtestPermissions(TABLE),
};

const code = (s: string) => (s.startsWith("the ") ? s : `\`${s}\``);

function condition(p: Permission): string {
  return (p.conditions ?? [])
    .map((c) => `${c.test} \`${c.variable}\` = \`${c.values.join(", ")}\``)
    .join("; ");
}

export function renderIamList(): string {
  const rows = new Map<string, { permission: Permission; functions: string[] }>();
  for (const [fn, permissions] of Object.entries(GRANTS)) {
    for (const permission of permissions) {
      const key = JSON.stringify(permission);
      const row = rows.get(key) ?? { permission, functions: [] };
      row.functions.push(`\`${fn}\``);
      rows.set(key, row);
    }
  }
  const lines = ["| actions | resources | condition | functions |", "|---|---|---|---|"];
  for (const { permission, functions } of rows.values()) {
    const cells = [
      permission.actions.map(code).join("<br>"),
      permission.resources.map(code).join("<br>"),
      condition(permission) || "—",
      functions.join(", "),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** Every action some function gets, for the count in the README's prose. */
export function grantedActions(): string[] {
  return [...new Set(Object.values(GRANTS).flatMap((ps) => ps.flatMap((p) => p.actions)))].sort();
}
