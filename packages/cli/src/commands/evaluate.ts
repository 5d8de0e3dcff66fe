import { evaluate, evaluateRequestJsonSchema } from "@gantry/core";
import type { Command } from "commander";
import { parseDocument, readText } from "../read-input.ts";

interface EvaluateOptions {
  input: string;
  schema?: boolean;
}

/** `gantry evaluate`: one request in, one decision out, as JSON. A public contract for dry runs and conformance. */
export function registerEvaluate(program: Command): void {
  program
    .command("evaluate")
    .description(
      "decide one service's desired count from a JSON (or YAML) request and print the decision as JSON",
    )
    .option("-i, --input <file>", "request file, or - for standard input", "-")
    .option("--schema", "print the request's JSON Schema and exit")
    .action(async (options: EvaluateOptions) => {
      if (options.schema) {
        process.stdout.write(`${JSON.stringify(evaluateRequestJsonSchema(), null, 2)}\n`);
        return;
      }
      const source = options.input === "-" ? "stdin" : options.input;
      const request = parseDocument(await readText(options.input), source);
      process.stdout.write(`${JSON.stringify(evaluate(request), null, 2)}\n`);
    });
}
