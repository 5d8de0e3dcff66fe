import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { CliError } from "./cli-error.ts";

/** Reads a whole file, or standard input for `-`. */
export async function readText(path: string): Promise<string> {
  if (path !== "-") {
    try {
      return await readFile(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliError(code === "ENOENT" ? `${path}: no such file` : `${path}: cannot read (${code})`, 2);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON or YAML (YAML is a superset, but JSON first gives JSON users JSON's error messages). */
export function parseDocument(text: string, source: string): unknown {
  if (text.trim() === "") throw new CliError(`${source}: empty input`, 2);
  try {
    return JSON.parse(text);
  } catch (jsonError) {
    if (/^\s*[[{]/.test(text))
      throw new CliError(`${source}: invalid JSON: ${(jsonError as Error).message}`, 2);
    try {
      return parseYaml(text);
    } catch (yamlError) {
      throw new CliError(
        `${source}: invalid JSON or YAML: ${(yamlError as Error).message.split("\n")[0]}`,
        2,
      );
    }
  }
}
