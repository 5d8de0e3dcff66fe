// The README's IAM list is infra/permissions.ts's, row for row: edit permissions.ts, then paste the rendered
// table this test prints between the README's `iam-list` markers.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { grantedActions, renderIamList } from "./iam-list.ts";

const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
const block = /<!-- iam-list:begin -->\n([\s\S]*?)\n<!-- iam-list:end -->/.exec(readme)?.[1];

describe("the README's IAM list", () => {
  it("is the table rendered from infra/permissions.ts", () => {
    expect(block, "the README has no iam-list block").toBeDefined();
    expect(block).toBe(renderIamList());
  });

  it("names every action the functions get, the xray and capacity ones included", () => {
    const actions = grantedActions();
    expect(actions).toEqual(
      expect.arrayContaining([
        "xray:PutTraceSegments",
        "ecs:UpdateCapacityProvider",
        "lambda:InvokeFunction",
      ]),
    );
    for (const action of actions) expect(block, action).toContain(`\`${action}\``);
  });
});
