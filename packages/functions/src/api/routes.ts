import { activityRoutes } from "./activity-routes.ts";
import { capacityRoutes } from "./capacity-routes.ts";
import { controlRoutes } from "./control-routes.ts";
import { openApiRoute } from "./openapi.ts";
import { policyRoutes } from "./policy-routes.ts";
import type { Route } from "./router.ts";
import { scheduledActionRoutes } from "./scheduled-action-routes.ts";
import { seriesRoutes } from "./series-routes.ts";
import { simulateRoutes } from "./simulate-routes.ts";
import { targetRoutes } from "./targets-routes.ts";

/** Every route of the HTTP API: the public contract, and what the OpenAPI document lists. */
export const API_ROUTES: readonly Route[] = [
  ...targetRoutes,
  ...policyRoutes,
  ...scheduledActionRoutes,
  ...controlRoutes,
  ...activityRoutes,
  ...capacityRoutes,
  ...seriesRoutes,
  ...simulateRoutes,
  openApiRoute(() => API_ROUTES),
];
