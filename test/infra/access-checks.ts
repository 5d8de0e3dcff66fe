// Who may call the API: routes split by method, and the two managed policies the app outputs (issue K item 6),
// asserted on the resources run() registered under the mocks (mocked-app.ts).
import { describe, expect, it } from "vitest";
import { type Any, ofType, one, STAGE } from "./mocked-app.ts";

/** Does an IAM resource pattern (`*` any run of characters) match this ARN? */
const matches = (pattern: string, arn: string) =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.?+^$[\]\\(){}|/]/g, "\\$&"))
      .join(".*")}$`,
  ).test(arn);

export function describeAccess() {
  describe("API access", () => {
    const executionArn = "arn:aws:execute-api:us-east-1:123456789012:ApiApi";
    /** The ARN API Gateway authorizes for a request on a route key, as `$default` stage. */
    const requestArn = (routeKey: string) =>
      routeKey === "$default"
        ? `${executionArn}/$default/$default`
        : `${executionArn}/$default/${routeKey.split(" ")[0]}/targets/prod/worker`;
    const policy = (name: string) =>
      JSON.parse(one("aws:iam/policy:Policy", name).inputs.policy).Statement[0];

    it("splits the routes by method, each IAM-authorized", () => {
      const routes = ofType("aws:apigatewayv2/route:Route");
      expect(routes.map((r) => r.inputs.routeKey).sort()).toEqual(
        ["$default", ...["DELETE", "GET", "HEAD", "POST", "PUT"].map((m) => `${m} /{proxy+}`)].sort(),
      );
      for (const route of routes) expect(route.inputs.authorizationType, route.name).toBe("AWS_IAM");
    });

    it("GantryReadOnly invokes only the GET and HEAD routes; GantryOperator every route", () => {
      const readOnly = policy("GantryReadOnly");
      const operator = policy("GantryOperator");
      expect(readOnly.Action).toBe("execute-api:Invoke");
      expect(operator.Action).toBe("execute-api:Invoke");
      for (const route of ofType("aws:apigatewayv2/route:Route")) {
        const key: string = route.inputs.routeKey;
        const reads = key.startsWith("GET ") || key.startsWith("HEAD ");
        const allowed = (s: Any) => [s.Resource].flat().some((p: string) => matches(p, requestArn(key)));
        expect(allowed(readOnly), `read-only ${key}`).toBe(reads);
        expect(allowed(operator), `operator ${key}`).toBe(true);
      }
      expect(one("aws:iam/policy:Policy", "GantryReadOnly").inputs.name).toBe(
        `GantryReadOnly-${STAGE}-us-east-1`,
      );
    });
  });
}
