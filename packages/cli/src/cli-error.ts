/** An error the CLI reports as one line on stderr, exiting with `exitCode` (2 for bad input). */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}
