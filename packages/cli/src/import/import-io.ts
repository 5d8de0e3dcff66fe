// What `gantry import` talks to, injected so tests run it in-process against aws-sdk-client-mock.
import { createInterface } from "node:readline/promises";
import { type AasImportClients, createAasImportClients } from "@gantry/aws";

export interface ImportIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Asks a yes/no question; undefined when there is no terminal to ask on. */
  confirm: ((question: string) => Promise<boolean>) | undefined;
  clients(region: string | undefined): AasImportClients;
}

export function processIo(): ImportIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // The file may be going to stdout, so the question goes to stderr.
    confirm: process.stdin.isTTY ? askOnTerminal : undefined,
    clients: (region) => createAasImportClients(region === undefined ? {} : { region }),
  };
}

async function askOnTerminal(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(`${question} [y/N] `)).trim());
  } finally {
    terminal.close();
  }
}
