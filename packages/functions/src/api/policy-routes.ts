import { PolicyBody } from "./components.ts";
import { namedItemRoutes } from "./named-item-routes.ts";

/** `PUT|DELETE /targets/{cluster}/{service}/policies/{name}`; the body is one policy (PolicySchema). */
export const policyRoutes = namedItemRoutes({
  list: "policies",
  segment: "policies",
  noun: "Policy",
  schema: PolicyBody,
});
