// Backtests as jobs: `POST …/simulate` checks the request, stores a job and starts the `backtest` function
// without waiting (202 + Location); `GET /simulations/{id}` answers its status, progress and report. No
// simulation runs in a request.
import { type BacktestJob, formatServiceId, GantryError, NotFoundError } from "@gantry/core";
import { requireTarget } from "@gantry/runtime/operator";
import { OpenAPIHono } from "@hono/zod-openapi";
import { backtestInput } from "../backtest/job-input.ts";
import { currentJob } from "../backtest/job-status.ts";
import { startJob } from "../backtest/start-job.ts";
import type { ApiContext } from "./api-deps.ts";
import type { ApiEnv } from "./api-env.ts";
import { apiRoute } from "./api-route.ts";
import { JobParamsSchema, TargetParamsSchema } from "./api-schemas.ts";
import type { BacktestJobView } from "./api-types.ts";
import { BacktestJob as JobView, json, SimulateBody as SimulateRequest } from "./components.ts";

/** Where a job is polled, under the API's root. */
export function jobPath(id: string): string {
  return `/simulations/${id}`;
}

const simulate = apiRoute({
  method: "post",
  path: "/targets/{cluster}/{service}/simulate",
  operationId: "simulateTarget",
  summary:
    "Start a backtest of the target's policies on an uploaded trace or on its queue's recorded history; poll the job at Location for the report (`gantry simulate --json`'s)",
  request: { params: TargetParamsSchema, body: { ...json(SimulateRequest), required: true } },
  extraErrors: [429, 501, 502],
  responses: {
    202: {
      description: "The job, Pending; `Location` is its URL (`/simulations/{id}`)",
      headers: { Location: { schema: { type: "string" }, description: "/simulations/{id}" } },
      ...json(JobView),
    },
  },
});

const getJob = apiRoute({
  method: "get",
  path: "/simulations/{id}",
  operationId: "getSimulation",
  summary: "A backtest job: status, progress (0–1), and the report once Succeeded or the error once Failed",
  request: { params: JobParamsSchema },
  extraErrors: [501],
  responses: { 200: { description: "The job", ...json(JobView) } },
});

export const simulateRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(simulate, async (c) => {
    const deps = c.var.deps;
    const { jobs, startBacktest } = configured(deps);
    const body = c.req.valid("json");
    const record = await requireTarget(deps, formatServiceId(c.req.valid("param")));
    const input = await backtestInput(deps, record.config, body);
    const job = await startJob({ ...deps, jobs, startBacktest }, record.config.target.id, input);
    return c.json(jobView(job), 202, { Location: jobPath(job.id) });
  })
  .openapi(getJob, async (c) => {
    const { jobs } = configured(c.var.deps);
    const { id } = c.req.valid("param");
    const job = await jobs.get(id);
    if (!job) throw new NotFoundError(`no simulation ${id} (jobs are kept 7 days)`, "id");
    return c.json(jobView(currentJob(job, c.var.deps.clock.now())), 200);
  });

function configured({ jobs, startBacktest }: ApiContext) {
  if (!jobs || !startBacktest) {
    throw new GantryError("NotConfigured", "this API has no backtest jobs configured");
  }
  return { jobs, startBacktest };
}

/** The job as the API shows it: all but its input. */
function jobView({ input: _, ...job }: BacktestJob): BacktestJobView {
  return job as BacktestJobView;
}
