import { FUNCTION_SERVICES, METRICS, type MetricName } from "@gantry/functions/metric-descriptors";
import { apiFunction, backtestFunction } from "./api";
import { alarm, tick } from "./control-loop";
import { monitoringAlarms } from "./monitoring-alarms";
import { metricsNamespace } from "./stage-settings";
import { table } from "./storage";

// One CloudWatch dashboard for the fleet and the control plane, its Gantry series built from the metric
// descriptors (packages/functions/src/metric-descriptors.ts), so a renamed metric cannot leave a chart empty.

const region = aws.getRegionOutput().region;
const tickService = FUNCTION_SERVICES.tick;

/** A chart line for one of Gantry's own metrics, as the tick emits it. */
const gantry = (name: MetricName, stat = "Sum") => [
  metricsNamespace,
  METRICS[name].name,
  "service",
  tickService,
  { stat, label: stat === "Sum" ? METRICS[name].name : `${METRICS[name].name} ${stat}` },
];

const search = (query: string, stat: string, id: string) => ({
  expression: `SEARCH('${query}', '${stat}', 60)`,
  id,
  label: "",
});

/** The next row's top: rows stack under the alarm status strip (height 3). */
let y = 3;
function row(widgets: { title: string; metrics: unknown[]; unit?: string; stat?: string }[]) {
  const width = 24 / widgets.length;
  const placed = widgets.map((w, i) => ({
    type: "metric",
    x: i * width,
    y,
    width,
    height: 6,
    properties: {
      title: w.title,
      region,
      view: "timeSeries",
      period: 60,
      stat: w.stat ?? "Sum",
      metrics: w.metrics,
      yAxis: { left: { label: w.unit ?? "Count", showUnits: false } },
    },
  }));
  y += 6;
  return placed;
}

const lambda = (metric: string, stat: string) =>
  [tick, alarm, apiFunction, backtestFunction].map((fn) => [
    "AWS/Lambda",
    metric,
    "FunctionName",
    fn.name,
    { stat },
  ]);

const status = {
  type: "alarm",
  x: 0,
  y: 0,
  width: 24,
  height: 3,
  properties: { title: "Gantry's own alarms", alarms: monitoringAlarms.map((a) => a.arn) },
};

const widgets = [
  status,
  ...row([
    {
      // ECS publishes desired/running task counts only with Container Insights on the cluster.
      title: "Desired tasks per service (Container Insights)",
      metrics: [
        [
          search(
            '{ECS/ContainerInsights,ClusterName,ServiceName} MetricName="DesiredTaskCount"',
            "Average",
            "d",
          ),
        ],
      ],
      unit: "Tasks",
    },
    {
      title: "Running tasks per service (Container Insights)",
      metrics: [
        [
          search(
            '{ECS/ContainerInsights,ClusterName,ServiceName} MetricName="RunningTaskCount"',
            "Average",
            "r",
          ),
        ],
      ],
      unit: "Tasks",
    },
    {
      title: "Desired instances per capacity group",
      metrics: [
        [search(`{${metricsNamespace},service,CapacityGroup} MetricName="DesiredInstances"`, "Maximum", "i")],
      ],
      unit: "Instances",
    },
  ]),
  ...row([
    {
      title: "Decisions (tick)",
      metrics: (
        ["Decisions", "ScaleOuts", "ScaleIns", "DryRuns", "CapacityScaleOuts", "CapacityScaleIns"] as const
      ).map((n) => gantry(n)),
    },
    {
      title: "Failures (tick)",
      metrics: (
        [
          "Failures",
          "UnknownOutcomes",
          "Conflicts",
          "Skipped",
          "CapacityFailures",
          "AlarmSyncFailures",
          "CorruptItems",
          "ActivityPublishFailures",
          "ApplicationAutoScalingCheckFailures",
          "SeriesWriteFailures",
        ] as const
      ).map((n) => gantry(n)),
    },
    {
      title: "Pass duration (tick)",
      metrics: ["p50", "p99", "Maximum"].map((stat) => gantry("PassDuration", stat)),
      unit: METRICS.PassDuration.unit,
    },
  ]),
  ...row([
    { title: "Passes per tick", metrics: [gantry("TickPasses")] },
    { title: "Function errors", metrics: lambda("Errors", "Sum") },
    { title: "Function throttles", metrics: lambda("Throttles", "Sum") },
    { title: "Function duration (p99)", metrics: lambda("Duration", "p99"), unit: "Milliseconds" },
  ]),
  ...row([
    {
      // Each SDK client's requests, retries included (packages/functions/src/aws-call-count.ts).
      title: "AWS requests by client (tick and alarm)",
      metrics: [
        [
          search(
            `{${metricsNamespace},service,AwsService} MetricName="${METRICS.AwsCalls.name}"`,
            "Sum",
            "c",
          ),
        ],
      ],
    },
    {
      title: "State table: consumed capacity",
      metrics: ["ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits"].map((m) => [
        "AWS/DynamoDB",
        m,
        "TableName",
        table.name,
        { stat: "Sum" },
      ]),
      unit: "Capacity units",
    },
  ]),
];

export const dashboard = new aws.cloudwatch.Dashboard("ControlPlaneDashboard", {
  dashboardName: `Gantry-${$app.stage}`,
  dashboardBody: $jsonStringify({ widgets }),
});
