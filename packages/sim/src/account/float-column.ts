// A growable Float64Array: append-only series (per-minute aggregates, publication times) without
// per-value objects.

export class FloatColumn {
  #values = new Float64Array(256);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = value;
  }

  get(i: number): number {
    return this.#values[i] as number;
  }

  set(i: number, value: number): void {
    this.#values[i] = value;
  }

  /** A copy of the values, as a plain array (for results that are serialized). */
  toArray(): number[] {
    return Array.from(this.#values.subarray(0, this.#length));
  }
}
