import { GantryError } from "@gantry/core";

/** A stored item that no longer passes its schema (hand-edited, or written by another Gantry version). */
export class CorruptItemError extends GantryError {
  readonly targetId: string;

  constructor(targetId: string, problem: string) {
    super("CorruptItem", `stored item of target ${targetId} is corrupt: ${problem}`);
    this.targetId = targetId;
  }
}
