// The managed wake alarms of `gantry dev`: CloudWatch would move a target's wake alarm to ALARM when its queue
// has visible messages while the service sits at zero. Checked after each tick; an event per OK → ALARM change.
import { randomUUID } from "node:crypto";
import type { TargetConfig } from "@gantry/core";
import { desiredAlarms } from "@gantry/runtime";
import type { SimAccount } from "@gantry/sim";

/** A CloudWatch Alarm State Change event, as EventBridge delivers it. */
export function alarmEvent(alarmName: string, time: number) {
  const at = new Date(time).toISOString();
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "CloudWatch Alarm State Change",
    source: "aws.cloudwatch",
    account: "000000000000",
    time: at,
    region: "us-east-1",
    resources: [`arn:aws:cloudwatch:us-east-1:000000000000:alarm:${alarmName}`],
    detail: {
      alarmName,
      state: { value: "ALARM", reason: "Threshold Crossed", timestamp: at },
      previousState: { value: "OK", timestamp: at },
      configuration: { metrics: [] },
    },
  };
}

/** Returns a check that sends the events of the wake alarms that just went to ALARM. */
export function createWakeAlarms(
  account: SimAccount,
  configs: () => Promise<TargetConfig[]>,
  send: (event: ReturnType<typeof alarmEvent>) => Promise<unknown>,
) {
  const inAlarm = new Set<string>();
  return async (): Promise<void> => {
    for (const { alarm, targetId } of desiredAlarms(await configs())) {
      if (alarm.namespace !== "AWS/SQS" || alarm.metricName !== "ApproximateNumberOfMessagesVisible")
        continue;
      const queueName = alarm.dimensions.find((d) => d.name === "QueueName")?.value ?? "";
      const service = account.findService(targetId);
      const queue = account.findQueue(queueName);
      if (service === undefined || queue === undefined) continue;
      const breached = service.ecs.desired === 0 && queue.exactDepth().visible > alarm.threshold;
      if (breached && !inAlarm.has(alarm.name)) {
        inAlarm.add(alarm.name);
        await send(alarmEvent(alarm.name, account.now()));
      } else if (!breached) {
        inAlarm.delete(alarm.name);
      }
    }
  };
}
