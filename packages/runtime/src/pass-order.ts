import type { TargetRecord } from "@gantry/core";
import { errorInfo } from "./error-info.ts";
import type { PassCursorStore, ReconcileLogger } from "./reconciler-types.ts";

export type { PassCursorStore } from "./reconciler-types.ts";

/**
 * The pass's order: by target id, rotated to start at `start` (the first id ≥ it), so the targets a deadline
 * left over go first next time and no target starves behind the same ones pass after pass.
 */
export function rotate(records: readonly TargetRecord[], start: string | undefined): TargetRecord[] {
  const sorted = [...records].sort((a, b) => compareIds(a.config.target.id, b.config.target.id));
  if (start === undefined) return sorted;
  const at = sorted.findIndex((r) => compareIds(r.config.target.id, start) >= 0);
  return at <= 0 ? sorted : [...sorted.slice(at), ...sorted.slice(0, at)];
}

/** The cursor a pass leaves: its first skipped target, or the start it had when it skipped none. */
export function nextStart(
  order: readonly TargetRecord[],
  skipped: ReadonlySet<string>,
  start: string | undefined,
): string | undefined {
  return order.find((r) => skipped.has(r.config.target.id))?.config.target.id ?? start;
}

/** The pass cursor, kept in memory too: the stored one when it can be read, else the container's own. */
export class PassCursor {
  #start: string | undefined;
  readonly #store: PassCursorStore | undefined;
  readonly #log: ReconcileLogger;

  constructor(store: PassCursorStore | undefined, log: ReconcileLogger) {
    this.#store = store;
    this.#log = log;
  }

  async read(): Promise<string | undefined> {
    if (this.#store === undefined) return this.#start;
    try {
      this.#start = await this.#store.readPassCursor();
    } catch (error) {
      this.#log.warn(
        "reading the pass cursor failed; starting where this container last did",
        errorInfo(error),
      );
    }
    return this.#start;
  }

  async write(start: string | undefined): Promise<void> {
    if (start === this.#start) return;
    this.#start = start;
    try {
      await this.#store?.writePassCursor(start);
    } catch (error) {
      this.#log.warn("writing the pass cursor failed; the next pass may start elsewhere", errorInfo(error));
    }
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
