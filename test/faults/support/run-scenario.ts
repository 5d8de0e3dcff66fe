// Drives a world minute by minute as AWS would: the schedule's tick, the wake alarm's events (duplicated and
// out of order), and Lambda's retries of a failed alarm invocation (twice, a minute apart). A few clean minutes
// at the end let every pending change settle before the invariants are measured.
import { alarmTargets } from "@gantry/runtime";
import { type FaultWorld, MINUTE, readRecords, START } from "../../support/fault-world.ts";
import { alarmEvent } from "../../support/handler-world.ts";

export interface ScenarioOptions {
  minutes: number;
  /** Minutes after `minutes` with the faults off (default 4: more than the 90 s pending grace). */
  settleMinutes?: number;
  /** What runs at the start of a minute; default one tick with sub-ticks. */
  minute?: (world: FaultWorld, minute: number) => Promise<void>;
  /** Deliver the wake alarm's events at these minutes (default every 10 minutes, and the minute after). */
  alarmsAt?: (minute: number) => boolean;
  /** Deliver them this many seconds into the minute, before its tick (default: right after the tick). */
  alarmSecond?: number;
}

interface Retry {
  event: { id: string };
  due: number;
  left: number;
}

export async function runScenario(world: FaultWorld, options: ScenarioOptions): Promise<void> {
  const retries: Retry[] = [];
  const alarmName = await wakeAlarmName(world);
  const settle = options.settleMinutes ?? 4;
  const alarmsAt = options.alarmsAt ?? ((m: number) => m % 10 === 0 || m % 10 === 1);
  for (let minute = 0; minute < options.minutes + settle; minute++) {
    if (minute === options.minutes) world.faultsOff();
    world.account.advanceTo(Math.max(world.account.now(), START + minute * MINUTE));
    const alarms = alarmName !== undefined && minute < options.minutes && alarmsAt(minute);
    if (alarms && options.alarmSecond !== undefined) {
      world.account.advance(options.alarmSecond * 1000);
      await deliverAlarms(world, alarmName, minute, retries);
    }
    await (options.minute ?? ((w) => w.tick().then(() => undefined)))(world, minute);
    if (alarms && options.alarmSecond === undefined) await deliverAlarms(world, alarmName, minute, retries);
    await deliverRetries(world, retries);
  }
}

/** Lambda's async invocation: a failed or cut-short alarm invocation is retried twice, a minute apart. */
export async function deliverAlarm(world: FaultWorld, event: { id: string }, retries: Retry[], left = 2) {
  const invocation = await world.alarm(event);
  if (invocation.status !== "ok" && left > 0)
    retries.push({ event, due: world.account.now() + MINUTE, left: left - 1 });
}

async function deliverRetries(world: FaultWorld, retries: Retry[]): Promise<void> {
  const due = retries.filter((r) => r.due <= world.account.now());
  for (const retry of due) {
    retries.splice(retries.indexOf(retry), 1);
    await deliverAlarm(world, retry.event, retries, retry.left);
  }
}

/** Duplicated and out-of-order deliveries of one alarm event and an older one. */
async function deliverAlarms(world: FaultWorld, alarmName: string, minute: number, retries: Retry[]) {
  const now = world.account.now();
  const older = alarmEvent(`evt-${minute}-a`, alarmName, "ALARM", now - 30_000);
  const newer = alarmEvent(`evt-${minute}-b`, alarmName, "ALARM", now);
  for (const event of [newer, older, newer, older]) await deliverAlarm(world, event, retries);
}

async function wakeAlarmName(world: FaultWorld): Promise<string | undefined> {
  const names = [...alarmTargets(await readRecords(world.memory)).keys()];
  return names.find((name) => name.endsWith("-wake"));
}
