import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
} from "@aws-sdk/client-cloudwatch";
import type { ManagedAlarm } from "@gantry/core";
import { NotFoundError, ThrottledError, ValidationError } from "@gantry/core";
import { sdkError, TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createAlarmPort } from "./alarm-adapter.ts";

const cloudWatchMock = mockClient(CloudWatchClient);
const port = createAlarmPort(new CloudWatchClient(TEST_CLIENT_CONFIG));

const alarm: ManagedAlarm = {
  name: "gantry-service/blue/web-step-high",
  namespace: "AWS/SQS",
  metricName: "ApproximateNumberOfMessagesVisible",
  dimensions: [{ name: "QueueName", value: "jobs" }],
  statistic: "Maximum",
  periodSeconds: 60,
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  threshold: 100,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  treatMissingData: "missing",
};

beforeEach(() => cloudWatchMock.reset());

describe("putAlarm", () => {
  it("sends PutMetricAlarm with the alarm's settings", async () => {
    cloudWatchMock.on(PutMetricAlarmCommand).resolves({});
    await port.putAlarm(alarm);
    expect(cloudWatchMock).toHaveReceivedCommandExactlyOnceWith(PutMetricAlarmCommand, {
      AlarmName: "gantry-service/blue/web-step-high",
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: "jobs" }],
      Statistic: "Maximum",
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      Threshold: 100,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "missing",
    });
  });

  it("sends percentiles as ExtendedStatistic", async () => {
    cloudWatchMock.on(PutMetricAlarmCommand).resolves({});
    await port.putAlarm({ ...alarm, statistic: "p99" });
    const input = cloudWatchMock.commandCalls(PutMetricAlarmCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ ExtendedStatistic: "p99" });
    expect(input).not.toHaveProperty("Statistic");
  });

  it("refuses a name without the gantry- prefix before calling CloudWatch", async () => {
    await expect(port.putAlarm({ ...alarm, name: "prod-high-cpu" })).rejects.toMatchObject({
      code: "ValidationError",
      field: "name",
    });
    await expect(port.putAlarm({ ...alarm, comparisonOperator: "Above" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(cloudWatchMock).not.toHaveReceivedAnyCommand();
  });

  it("maps throttling to ThrottledError", async () => {
    cloudWatchMock.on(PutMetricAlarmCommand).rejects(sdkError("Throttling"));
    await expect(port.putAlarm(alarm)).rejects.toBeInstanceOf(ThrottledError);
  });
});

describe("deleteAlarms", () => {
  it("deletes 250 names in 3 calls of at most 100", async () => {
    cloudWatchMock.on(DeleteAlarmsCommand).resolves({});
    const names = Array.from({ length: 250 }, (_, i) => `gantry-alarm-${i}`);
    await port.deleteAlarms(names);
    const batches = cloudWatchMock
      .commandCalls(DeleteAlarmsCommand)
      .map((call) => call.args[0].input.AlarmNames);
    expect(batches.map((batch) => batch?.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(names);
  });

  it("refuses the whole request if any name is not Gantry's, without any call", async () => {
    const names = ["gantry-a", "gantry-b", "billing-alarm"];
    await expect(port.deleteAlarms(names)).rejects.toMatchObject({
      code: "ValidationError",
      field: "names[2]",
    });
    expect(cloudWatchMock).not.toHaveReceivedAnyCommand();
  });

  it("makes no call for no names", async () => {
    await port.deleteAlarms([]);
    expect(cloudWatchMock).not.toHaveReceivedAnyCommand();
  });

  it("maps ResourceNotFound to NotFoundError", async () => {
    cloudWatchMock.on(DeleteAlarmsCommand).rejects(sdkError("ResourceNotFound"));
    await expect(port.deleteAlarms(["gantry-a"])).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("listAlarmNames", () => {
  it("follows NextToken across pages", async () => {
    cloudWatchMock
      .on(DescribeAlarmsCommand)
      .resolvesOnce({ MetricAlarms: [{ AlarmName: "gantry-a" }, { AlarmName: "gantry-b" }], NextToken: "t2" })
      .resolvesOnce({ MetricAlarms: [{ AlarmName: "gantry-c" }] });
    expect(await port.listAlarmNames("gantry-")).toEqual(["gantry-a", "gantry-b", "gantry-c"]);
    expect(cloudWatchMock).toHaveReceivedCommandTimes(DescribeAlarmsCommand, 2);
    expect(cloudWatchMock).toHaveReceivedNthCommandWith(DescribeAlarmsCommand, 1, {
      AlarmNamePrefix: "gantry-",
    });
    expect(cloudWatchMock).toHaveReceivedNthCommandWith(DescribeAlarmsCommand, 2, {
      AlarmNamePrefix: "gantry-",
      NextToken: "t2",
    });
  });

  it("lists a stage's prefix (gantry-<stage>-) as CloudWatch's AlarmNamePrefix", async () => {
    cloudWatchMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: "gantry-dev-a" }] });
    expect(await port.listAlarmNames("gantry-dev-")).toEqual(["gantry-dev-a"]);
    expect(cloudWatchMock).toHaveReceivedCommandWith(DescribeAlarmsCommand, {
      AlarmNamePrefix: "gantry-dev-",
    });
  });

  it("refuses a prefix outside gantry-", async () => {
    await expect(port.listAlarmNames("prod-")).rejects.toBeInstanceOf(ValidationError);
    expect(cloudWatchMock).not.toHaveReceivedAnyCommand();
  });
});
