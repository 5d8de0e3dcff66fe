// Shared by the gantry import tests: the saved-output fixtures, and an ImportIo that records what was written.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type AasImportClients, createAasImportClients } from "@gantry/aws";
import { TEST_CLIENT_CONFIG } from "@gantry/testing/sdk-mock";
import type { ImportIo } from "../../../packages/cli/src/import/import-io.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/aas-import", import.meta.url));

/** A fixture file as parsed JSON; with `dates`, AWS's time fields become Dates, as the SDK returns them. */
export function fixture<T = Record<string, unknown[]>>(file: string, dates = false): T {
  const text = readFileSync(join(FIXTURES, file), "utf8");
  return JSON.parse(text, (key, value) =>
    dates && typeof value === "string" && /Time(stamp)?$/.test(key) ? new Date(value) : value,
  ) as T;
}

/** A scratch copy of the fixtures, to break one file at a time. */
export function copyFixtures(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "gantry-import-")), "saved");
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

export interface RecordingIo extends ImportIo {
  out: string[];
  err: string[];
  questions: string[];
}

/** `answer`: what the user types at the prompt; undefined means no terminal to ask on. */
export function recordingIo(answer?: boolean): RecordingIo {
  const io: RecordingIo = {
    out: [],
    err: [],
    questions: [],
    stdout: (text) => io.out.push(text),
    stderr: (text) => io.err.push(text),
    confirm:
      answer === undefined
        ? undefined
        : async (question) => {
            io.questions.push(question);
            return answer;
          },
    clients: (region): AasImportClients =>
      createAasImportClients({ ...TEST_CLIENT_CONFIG, region: region ?? "eu-west-1" }),
  };
  return io;
}
