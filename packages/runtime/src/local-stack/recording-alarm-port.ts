import { type AlarmPort, type ManagedAlarm, ValidationError } from "@gantry/core";
import { MANAGED_ALARM_PREFIX } from "../alarm-names.ts";
import { CallLog } from "./call-log.ts";

type Method = keyof AlarmPort;

/**
 * AlarmPort over a map of alarms. Like the CloudWatch adapter, it refuses to put or delete a name without the
 * `gantry-` prefix; alarms other tools own can be seeded with `seed`. Records calls; can fail next.
 */
export class RecordingAlarmPort implements AlarmPort {
  readonly fake = new CallLog<Method>();
  readonly alarms = new Map<string, ManagedAlarm>();

  get calls() {
    return this.fake.calls;
  }

  failNext(method: Method, error: Error): void {
    this.fake.failNext(method, error);
  }

  /** An alarm that exists already, managed or not (no call is recorded). */
  seed(alarm: ManagedAlarm): void {
    this.alarms.set(alarm.name, structuredClone(alarm));
  }

  async putAlarm(alarm: ManagedAlarm): Promise<void> {
    this.fake.enter("putAlarm", alarm);
    assertManaged(alarm.name);
    this.alarms.set(alarm.name, structuredClone(alarm));
  }

  async deleteAlarms(names: readonly string[]): Promise<void> {
    this.fake.enter("deleteAlarms", names);
    for (const name of names) assertManaged(name);
    for (const name of names) this.alarms.delete(name);
  }

  async listAlarmNames(prefix: string): Promise<string[]> {
    this.fake.enter("listAlarmNames", prefix);
    return [...this.alarms.keys()].filter((name) => name.startsWith(prefix)).sort();
  }
}

function assertManaged(name: string): void {
  if (!name.startsWith(MANAGED_ALARM_PREFIX)) {
    throw new ValidationError(
      `Gantry manages only alarms named ${MANAGED_ALARM_PREFIX}…; refusing "${name}"`,
      "name",
    );
  }
}
