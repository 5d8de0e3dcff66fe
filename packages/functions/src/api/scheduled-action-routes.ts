import { ScheduledActionBody } from "./components.ts";
import { namedItemRoutes } from "./named-item-routes.ts";

/** `PUT|DELETE /targets/{cluster}/{service}/scheduled-actions/{name}`; the body is one ScheduledActionSchema. */
export const scheduledActionRoutes = namedItemRoutes({
  list: "scheduledActions",
  segment: "scheduled-actions",
  noun: "ScheduledAction",
  schema: ScheduledActionBody,
});
