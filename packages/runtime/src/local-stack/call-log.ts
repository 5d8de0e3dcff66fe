/** One call a fake received, in order: what tests assert on. */
export interface RecordedCall<M extends string> {
  method: M;
  args: unknown[];
}

/**
 * The call log and the "fail next" queue every fake shares (karpenter's fake cloud provider does the same):
 * `failNext("putState", error)` makes the next putState throw `error` without changing anything.
 */
export class CallLog<M extends string> {
  readonly calls: RecordedCall<M>[] = [];
  readonly #failures = new Map<M, Error[]>();

  failNext(method: M, error: Error): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), error]);
  }

  /** Records the call, then throws the error queued for this method, if any. */
  enter(method: M, ...args: unknown[]): void {
    this.calls.push({ method, args: structuredClone(args) });
    const queued = this.#failures.get(method);
    const error = queued?.shift();
    if (error) throw error;
  }

  count(method: M): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}
