// The Lambda side's handle on the emulated AWS: in a child process (child-aws.ts: the bench, so that its memory
// and CPU stay out of the figures measured here), or in this process (in-process-aws.ts: tests).
import type { AwsEndpoint } from "../backend/sdk-backend.ts";
import type { AwsReport } from "./emulated-aws.ts";

export interface AwsSide extends AwsEndpoint {
  advanceTo(time: number): Promise<void>;
  report(): Promise<AwsReport>;
  resetUsage(): Promise<void>;
  /** Settles when no request is in flight; undefined when none is. */
  idle(): Promise<void> | undefined;
  /** Requests in flight. */
  pending(): number;
  /** Holds requests back until `flush` (or until released); answers come only for requests flushed. */
  hold(on: boolean): void;
  flush(): void;
  close(): Promise<void>;
}
