// Gantry operated: its self-monitoring, tracing, concurrency, recovery and API access policies (issue K items 1
// and 6), asserted on the resources run() registered under the mocks (mocked-app.ts).
import { FUNCTION_SERVICES, METRICS, metricDescriptor } from "@gantry/functions/metric-descriptors";
import { describe, expect, it } from "vitest";
import { ALERT_EMAIL, type Any, type Created, ofType, one, STAGE } from "./mocked-app.ts";

const NAMESPACE = `Gantry/${STAGE}`;
const FUNCTIONS = { Tick: "tick", Alarm: "alarm", ApiHandler: "api", Backtest: "backtest" } as const;

const fn = (id: string) => one("aws:lambda/function:Function", `${id}Function`);
const nameOf = (r: Created) => r.inputs.name ?? r.name;
const arnOf = (type: string, r: Created) => `arn:aws:mock:us-east-1:123456789012:${type}/${nameOf(r)}`;
const monitors = () => ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
const monitor = (name: string) => one("aws:cloudwatch/metricAlarm:MetricAlarm", `Monitor${name}`).inputs;

export function describeOperations() {
  describe("self-monitoring", () => {
    it("sends every monitoring alarm, firing and clearing, to the alerts topic, with the email subscription", () => {
      const [topic] = ofType("aws:sns/topic:Topic");
      expect(topic).toBeDefined();
      const topicArn = arnOf("aws:sns/topic:Topic", topic as Created);
      const names = monitors().map((a) => a.inputs.name);
      expect(names.sort()).toEqual(
        [
          "AlarmErrors",
          "AlarmFailuresDepth",
          "AlarmThrottles",
          "FailingTargets",
          "Heartbeat",
          "TableThrottles",
          "TickErrors",
          "TickThrottles",
        ].map((n) => `GantryMonitor-${STAGE}-${n}`),
      );
      for (const alarm of monitors()) {
        expect(alarm.inputs.alarmActions, alarm.name).toEqual([topicArn]);
        expect(alarm.inputs.okActions, alarm.name).toEqual([topicArn]);
        // Never in the managed alarms' namespace: the alarm function would reconcile them, the sync delete them.
        expect(alarm.inputs.name.startsWith(`gantry-${STAGE}-`), alarm.name).toBe(false);
      }
      const [email] = ofType("aws:sns/topicSubscription:TopicSubscription");
      expect(email?.inputs).toMatchObject({ protocol: "email", endpoint: ALERT_EMAIL, topic: topicArn });
    });

    it("alarms on the tick's and the alarm function's errors and throttles", () => {
      const lambda = (name: string, metric: string, fnId: string) =>
        expect(monitor(name), name).toMatchObject({
          namespace: "AWS/Lambda",
          metricName: metric,
          dimensions: { FunctionName: nameOf(fn(fnId)) },
          statistic: "Sum",
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
        });
      lambda("TickErrors", "Errors", "Tick");
      lambda("AlarmErrors", "Errors", "Alarm");
      lambda("TickThrottles", "Throttles", "Tick");
      lambda("AlarmThrottles", "Throttles", "Alarm");
      expect(monitor("TickErrors")).toMatchObject({ period: 60, evaluationPeriods: 3, datapointsToAlarm: 2 });
    });

    it("has a heartbeat: fewer than one completed tick pass a minute, 3 minutes running, missing data breaching", () => {
      expect(monitor("Heartbeat")).toMatchObject({
        namespace: NAMESPACE,
        metricName: "TickPasses",
        dimensions: { service: FUNCTION_SERVICES.tick },
        statistic: "Sum",
        period: 60,
        evaluationPeriods: 3,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
      });
    });

    it("alarms on a non-empty AlarmFailures queue, on targets failing every pass for 3 minutes, on table throttles", () => {
      const [queue] = ofType("aws:sqs/queue:Queue").filter((q) => q.name.startsWith("AlarmFailures"));
      expect(monitor("AlarmFailuresDepth")).toMatchObject({
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: nameOf(queue as Created) },
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
      });
      expect(monitor("FailingTargets")).toMatchObject({
        namespace: NAMESPACE,
        metricName: "PersistentlyFailingTargets",
        dimensions: { service: FUNCTION_SERVICES.tick },
        statistic: "Maximum",
        period: 60,
        evaluationPeriods: 1,
        threshold: 1,
      });
      const [table] = ofType("aws:dynamodb/table:Table");
      const queries = monitor("TableThrottles").metricQueries as Any[];
      expect(queries.filter((q) => q.metric).map((q) => [q.metric.metricName, q.metric.dimensions])).toEqual([
        ["ReadThrottleEvents", { TableName: nameOf(table as Created) }],
        ["WriteThrottleEvents", { TableName: nameOf(table as Created) }],
      ]);
      expect(queries.filter((q) => q.returnData)).toHaveLength(1);
    });

    it("alarms only on Gantry metrics a descriptor declares, as emitted by the function it filters on", () => {
      const ours = monitors().filter((a) => a.inputs.namespace === NAMESPACE);
      expect(ours.length).toBeGreaterThan(0);
      for (const alarm of ours) {
        const descriptor = metricDescriptor(alarm.inputs.metricName);
        expect(descriptor?.emittedBy, alarm.name).toContain(alarm.inputs.dimensions.service);
      }
    });

    it("draws the fleet and the control plane on one dashboard, from declared metrics", () => {
      const [dashboard] = ofType("aws:cloudwatch/dashboard:Dashboard");
      expect(dashboard?.inputs.dashboardName).toBe(`Gantry-${STAGE}`);
      const body = JSON.parse(dashboard?.inputs.dashboardBody);
      const text = JSON.stringify(body);
      const status = body.widgets.find((w: Any) => w.type === "alarm");
      expect(status.properties.alarms).toHaveLength(monitors().length);
      const lines = body.widgets.flatMap((w: Any) => w.properties.metrics ?? []);
      const gantryNames = lines.filter((l: Any) => l[0] === NAMESPACE).map((l: Any) => l[1]);
      expect(gantryNames.filter((n: string) => !metricDescriptor(n))).toEqual([]);
      for (const name of ["Decisions", "ScaleOuts", "Failures", "PassDuration", "TickPasses"]) {
        expect(gantryNames, name).toContain(name);
      }
      expect(text).toContain(`MetricName=\\"${METRICS.DesiredInstances.name}\\"`);
      expect(text).toContain(`MetricName=\\"${METRICS.AwsCalls.name}\\"`);
      for (const m of ["DesiredTaskCount", "RunningTaskCount"]) expect(text).toContain(m);
      for (const id of Object.keys(FUNCTIONS)) expect(text, id).toContain(`"${nameOf(fn(id))}"`);
    });
  });

  describe("the functions in operation", () => {
    it("traces every function actively, and lets each role send its segments", () => {
      for (const id of Object.keys(FUNCTIONS)) {
        expect(fn(id).inputs.tracingConfig, id).toEqual({ mode: "Active" });
        const role = ofType("aws:iam/role:Role").find((r) => r.name.startsWith(id));
        const actions = (role?.inputs.inlinePolicies ?? []).flatMap((p: Any) =>
          JSON.parse(p.policy).Statement.flatMap((s: Any) => [s.Action].flat()),
        );
        expect(actions, id).toEqual(
          expect.arrayContaining(["xray:PutTraceSegments", "xray:PutTelemetryRecords"]),
        );
      }
    });

    it("caps the alarm function at 10 and backtests at 2, and reserves 2 for the tick; the API is uncapped", () => {
      expect(fn("Alarm").inputs.reservedConcurrentExecutions).toBe(10);
      expect(fn("Tick").inputs.reservedConcurrentExecutions).toBe(2);
      expect(fn("Backtest").inputs.reservedConcurrentExecutions).toBe(2);
      expect(fn("ApiHandler").inputs.reservedConcurrentExecutions).toBeUndefined();
    });

    it("sets Powertools by stage: each function's service, the stage's namespace, DEBUG logs outside prod", () => {
      for (const [id, service] of Object.entries(FUNCTIONS)) {
        expect(fn(id).inputs.environment.variables, id).toMatchObject({
          POWERTOOLS_SERVICE_NAME: FUNCTION_SERVICES[service],
          POWERTOOLS_METRICS_NAMESPACE: NAMESPACE,
          POWERTOOLS_LOG_LEVEL: "DEBUG",
          POWERTOOLS_TRACER_CAPTURE_RESPONSE: "false",
        });
      }
    });

    it("keeps the state table recoverable to any second (point-in-time recovery)", () => {
      const [table] = ofType("aws:dynamodb/table:Table");
      expect(table?.inputs.pointInTimeRecovery).toEqual({ enabled: true });
    });
  });
}
