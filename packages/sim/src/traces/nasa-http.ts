// NASA KSC HTTP 1995, requests per second: one line of space-separated integers, no header.
import { readFileSync } from "node:fs";
import { ValidationError } from "@gantry/core";
import { dataFilePath, SHARED_TRACE_FILES } from "./shared-sources.ts";
import type { ClockJump, Trace } from "./trace.ts";

const START_TIME = "1995-07-01T04:00:00Z"; // 1995-07-01 00:00:00 -04:00 (SOURCE.txt)
// The July log ends 1995-07-28 13:32:25 and August follows with no zero fill: value 2,381,545 is
// 1995-08-01 00:00:00, so 3d 10h 27m 35s of wall clock have no values.
const AUGUST_JUMP: ClockJump = { atSeconds: 2_381_545, skippedSeconds: 296_855 };

const ZERO = 48;
const NINE = 57;

function isSpace(byte: number): boolean {
  return byte === 32 || byte === 10 || byte === 13 || byte === 9;
}

/** Integers separated by whitespace, scanned byte by byte: 5 M values in tens of ms, no 5 M strings. */
export function scanIntegers(bytes: Uint8Array, source: string): Float64Array {
  const values = new Float64Array((bytes.length >> 1) + 1);
  let n = 0;
  let value = 0;
  let inNumber = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte >= ZERO && byte <= NINE) {
      value = value * 10 + (byte - ZERO);
      inNumber = true;
    } else if (isSpace(byte)) {
      if (inNumber) values[n++] = value;
      value = 0;
      inNumber = false;
    } else {
      const what = `${source}: byte ${i} (value #${n + 1}) is ${JSON.stringify(String.fromCharCode(byte))}`;
      throw new ValidationError(`${what}; expected non-negative integers separated by spaces`, source);
    }
  }
  if (inNumber) values[n++] = value;
  return values.slice(0, n);
}

export function parseNasaHttp(bytes: Uint8Array, source = "workload.txt"): Trace {
  const counts = scanIntegers(bytes, source);
  if (counts.length === 0) throw new ValidationError(`${source}: no values`, source);
  return {
    name: "nasa-http-1995-per-second",
    description:
      "NASA KSC WWW server, Jul–Aug 1995, requests per second (July log spliced straight into August; " +
      "the Aug 1–3 outage is zero-filled)",
    bucketSeconds: 1,
    counts,
    startTime: START_TIME,
    clockJumps: counts.length > AUGUST_JUMP.atSeconds ? [AUGUST_JUMP] : [],
    scale: 1,
  };
}

/** Reads the folder `nasa-http-1995-per-second/` or its `workload.txt`. */
export function readNasaHttp(path: string): Trace {
  const file = dataFilePath(path, SHARED_TRACE_FILES["nasa-http-1995-per-second"]);
  return parseNasaHttp(readFileSync(file), file);
}
