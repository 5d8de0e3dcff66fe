// What the tick writes to CloudWatch Logs (Powertools' JSON lines and EMF metrics), metered instead of
// printed: bytes for Logs ingestion, and the distinct EMF metrics (each a custom metric CloudWatch bills).

type Write = typeof process.stdout.write;

interface EmfDirective {
  Namespace: string;
  Dimensions: string[][];
  Metrics: { Name: string }[];
}

export class LogMeter {
  bytes = 0;
  lines = 0;
  /** `namespace|metric|dimension=value,…` of every EMF metric seen, when reading EMF. */
  readonly metrics = new Set<string>();

  /**
   * Runs `work` with stdout and stderr metered and discarded; `emf` also reads the EMF metrics, reporting the
   * time that takes to `overhead` (it is the bench's, not the Lambda's).
   */
  async around<T>(
    work: () => Promise<T>,
    options: { emf: boolean; overhead?: (ms: number) => void },
  ): Promise<T> {
    const streams = [process.stdout, process.stderr];
    const originals = streams.map((stream) => stream.write);
    const meter = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      this.bytes += Buffer.byteLength(text, "utf8");
      this.lines += 1;
      if (options.emf && text.includes('"_aws"')) {
        const started = performance.now();
        this.#readEmf(text);
        options.overhead?.(performance.now() - started);
      }
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as Write;
    for (const stream of streams) stream.write = meter;
    try {
      return await work();
    } finally {
      streams.forEach((stream, i) => {
        stream.write = originals[i] as Write;
      });
    }
  }

  #readEmf(text: string): void {
    for (const line of text.split("\n")) {
      if (!line.includes('"_aws"')) continue;
      const emf = JSON.parse(line) as Record<string, unknown> & {
        _aws: { CloudWatchMetrics: EmfDirective[] };
      };
      for (const directive of emf._aws.CloudWatchMetrics) {
        for (const dimensions of directive.Dimensions) {
          const set = dimensions.map((d) => `${d}=${String(emf[d])}`).join(",");
          for (const metric of directive.Metrics)
            this.metrics.add(`${directive.Namespace}|${metric.Name}|${set}`);
        }
      }
    }
  }
}
