/// <reference path="./.sst/platform/config.d.ts" />

// The resources live in infra/*.ts; SST rejects top-level imports here, so run() loads them dynamically.
export default $config({
  app(input) {
    return {
      name: "gantry",
      home: "aws",
      // Pinned: the infra is written and verified (npm run test:infra) against this SST release.
      version: "4.17.1",
      removal: input?.stage === "prod" ? "retain" : "remove",
    };
  },
  async run() {
    const { table } = await import("./infra/storage");
    const { tick, alarm, alarmFailures } = await import("./infra/control-loop");
    const { api, backtestFunction } = await import("./infra/api");
    const { alerts } = await import("./infra/monitoring-alarms");
    const { dashboard } = await import("./infra/monitoring-dashboard");
    const { readOnlyPolicy, operatorPolicy } = await import("./infra/access-policies");
    return {
      table: table.name,
      tick: tick.name,
      alarm: alarm.name,
      alarmFailures: alarmFailures.url,
      api: api.url,
      backtest: backtestFunction.name,
      alerts: alerts.arn,
      dashboard: dashboard.dashboardName,
      GantryReadOnly: readOnlyPolicy.arn,
      GantryOperator: operatorPolicy.arn,
    };
  },
});
