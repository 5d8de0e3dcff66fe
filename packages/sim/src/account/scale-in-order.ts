// Which tasks go when the desired count drops: those that cost the least work to lose. Tasks that are not
// placed yet, then starting ones (latest to be ready first: they were never useful), then idle running
// ones, then busy ones (fewest messages in hand first); newest first within a rank. Knowing which running
// task is idle takes scale-in protection (busy workers protect themselves); without it ECS cannot tell, and
// running tasks go newest first whatever they hold.
import { TaskState, type TaskTable } from "./task-table.ts";

function rank(tasks: TaskTable, i: number, protection: boolean): number {
  const state = tasks.state[i];
  if (state === TaskState.blocked) return 0;
  if (state === TaskState.pending) return 1;
  return tasks.busy[i] === 0 || !protection ? 2 : 3;
}

/** Up to `count` tasks among blocked, pending and running ones (never draining), in stopping order. */
export function chooseTasksToStop(tasks: TaskTable, count: number, protection = true): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < tasks.extent; i++) {
    const state = tasks.state[i];
    if (state === TaskState.blocked || state === TaskState.pending || state === TaskState.running) {
      candidates.push(i);
    }
  }
  const ranks = new Map(candidates.map((i) => [i, rank(tasks, i, protection)]));
  const { readyAt, busy, createdAt } = tasks;
  const withinRank = (r: number, a: number, b: number): number => {
    if (r === 1) return (readyAt[b] as number) - (readyAt[a] as number);
    if (r === 3) return (busy[a] as number) - (busy[b] as number);
    return 0;
  };
  candidates.sort((a, b) => {
    const ra = ranks.get(a) ?? 0;
    return (
      ra - (ranks.get(b) ?? 0) ||
      withinRank(ra, a, b) ||
      (createdAt[b] as number) - (createdAt[a] as number) ||
      b - a
    );
  });
  return candidates.slice(0, count);
}
