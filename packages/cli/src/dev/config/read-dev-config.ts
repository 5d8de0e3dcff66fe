// `gantry dev --config FILE`: the file `gantry apply` reads (its targets validated as apply validates them),
// with its optional `dev:` section. Every problem is listed, each naming its field; exit 2.
import { dirname, resolve } from "node:path";
import { listProblems } from "@gantry/core";
import { checkApplyDocument, fileProblems } from "../../commands/apply/read-apply-file.ts";
import { parseDocument, readText } from "../../read-input.ts";
import { buildConfigFleet, type ConfigFleet } from "./config-fleet.ts";
import { type DevSection, DevSectionSchema } from "./dev-section.ts";

function devSection(document: unknown, source: string): DevSection {
  const raw = (document as { dev?: unknown }).dev ?? {};
  const problems = listProblems(DevSectionSchema, raw).map(({ field, message }) =>
    field ? `dev.${message}` : `dev: ${message}`,
  );
  if (problems.length > 0) throw fileProblems(source, problems);
  return DevSectionSchema.parse(raw);
}

/** The simulated fleet of the file at `path`, starting at `startMs`. */
export async function readConfigFleet(path: string, startMs: number): Promise<ConfigFleet> {
  const document = parseDocument(await readText(path), path);
  const entries = checkApplyDocument(document, path);
  const dev = devSection(document, path);
  const configs = entries.map((e) => e.config);
  const fleet = buildConfigFleet(configs, dev, { baseDir: dirname(resolve(path)), startMs });
  if ("problems" in fleet) throw fileProblems(path, fleet.problems);
  return fleet;
}
