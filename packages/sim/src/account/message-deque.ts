// Queued messages as a ring buffer of typed arrays (arrival, processing time, receive count): millions of
// messages pass through without an object each.

/** A double-ended queue of messages; `front*` read the oldest. */
export class MessageDeque {
  #arrivals = new Float64Array(256);
  #durations = new Float64Array(256);
  #receives = new Uint32Array(256);
  #head = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  frontArrival(): number {
    return this.#arrivals[this.#head] as number;
  }

  frontDuration(): number {
    return this.#durations[this.#head] as number;
  }

  frontReceives(): number {
    return this.#receives[this.#head] as number;
  }

  /** Arrival of the i-th message from the front. */
  arrivalAt(i: number): number {
    return this.#arrivals[(this.#head + i) & (this.#arrivals.length - 1)] as number;
  }

  pushBack(arrival: number, duration: number, receives: number): void {
    if (this.#length === this.#arrivals.length) this.#grow();
    this.#write((this.#head + this.#length) & (this.#arrivals.length - 1), arrival, duration, receives);
    this.#length++;
  }

  /** Puts a message back at the front: a redelivered message is older than everything queued after it. */
  pushFront(arrival: number, duration: number, receives: number): void {
    if (this.#length === this.#arrivals.length) this.#grow();
    this.#head = (this.#head - 1) & (this.#arrivals.length - 1);
    this.#write(this.#head, arrival, duration, receives);
    this.#length++;
  }

  /** Drops the front message; read it first with the front* getters. */
  dropFront(): void {
    this.#head = (this.#head + 1) & (this.#arrivals.length - 1);
    this.#length--;
  }

  #write(i: number, arrival: number, duration: number, receives: number): void {
    this.#arrivals[i] = arrival;
    this.#durations[i] = duration;
    this.#receives[i] = receives;
  }

  /** Doubles the capacity (a power of two, so indices wrap with a mask) and unrolls the ring. */
  #grow(): void {
    const size = this.#arrivals.length * 2;
    const unroll = <T extends Float64Array | Uint32Array>(old: T, fresh: T): T => {
      const tail = old.subarray(this.#head);
      fresh.set(tail);
      fresh.set(old.subarray(0, this.#head), tail.length);
      return fresh;
    };
    this.#arrivals = unroll(this.#arrivals, new Float64Array(size));
    this.#durations = unroll(this.#durations, new Float64Array(size));
    this.#receives = unroll(this.#receives, new Uint32Array(size));
    this.#head = 0;
  }
}
