// A binary min-heap of timed events in typed arrays: no allocation per event. Equal times pop in push
// order, so the simulation never depends on heap layout.

function earlier(time: number, seq: number, otherTime: number, otherSeq: number): boolean {
  return time < otherTime || (time === otherTime && seq < otherSeq);
}

/** Events keyed by time (ms), each carrying an integer id the owner decodes. */
export class EventQueue {
  #times = new Float64Array(64);
  #seqs = new Float64Array(64);
  #ids = new Int32Array(64);
  #size = 0;
  #seq = 0;

  get size(): number {
    return this.#size;
  }

  /** Time of the earliest event, Infinity when empty. */
  peekTime(): number {
    return this.#size === 0 ? Number.POSITIVE_INFINITY : (this.#times[0] as number);
  }

  push(time: number, id: number): void {
    if (this.#size === this.#times.length) this.#grow();
    const seq = this.#seq++;
    let i = this.#size++;
    // Sift up: move parents down until the new event's place is found.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(time, seq, this.#times[parent] as number, this.#seqs[parent] as number)) break;
      this.#move(parent, i);
      i = parent;
    }
    this.#set(i, time, seq, id);
  }

  /** Removes the earliest event and returns its id; the queue must not be empty (check peekTime). */
  pop(): number {
    const top = this.#ids[0] as number;
    const last = --this.#size;
    if (last > 0)
      this.#siftDown(this.#times[last] as number, this.#seqs[last] as number, this.#ids[last] as number);
    return top;
  }

  /** Places (time, seq, id) from the root down, moving earlier children up. */
  #siftDown(time: number, seq: number, id: number): void {
    const n = this.#size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      const times = this.#times;
      const seqs = this.#seqs;
      if (
        right < n &&
        earlier(times[right] as number, seqs[right] as number, times[child] as number, seqs[child] as number)
      ) {
        child = right;
      }
      if (!earlier(times[child] as number, seqs[child] as number, time, seq)) break;
      this.#move(child, i);
      i = child;
    }
    this.#set(i, time, seq, id);
  }

  #move(from: number, to: number): void {
    this.#set(to, this.#times[from] as number, this.#seqs[from] as number, this.#ids[from] as number);
  }

  #set(i: number, time: number, seq: number, id: number): void {
    this.#times[i] = time;
    this.#seqs[i] = seq;
    this.#ids[i] = id;
  }

  #grow(): void {
    const size = this.#times.length * 2;
    const times = new Float64Array(size);
    const seqs = new Float64Array(size);
    const ids = new Int32Array(size);
    times.set(this.#times);
    seqs.set(this.#seqs);
    ids.set(this.#ids);
    this.#times = times;
    this.#seqs = seqs;
    this.#ids = ids;
  }
}
