import * as z from "zod";

/** An instant: ISO-8601 with an offset, or epoch milliseconds. Normalised to epoch milliseconds. */
const TIMESTAMP_HINT =
  "expected an ISO-8601 time with an offset (2026-11-22T12:00:00Z) or epoch milliseconds";
export const TimestampSchema = z
  .union([
    z.number({ error: TIMESTAMP_HINT }).int().nonnegative(),
    z.iso.datetime({ offset: true, error: TIMESTAMP_HINT }),
  ])
  .transform((value) => (typeof value === "number" ? value : Date.parse(value)));

/** Policy and scheduled-action names: AWS allows 1–256 printable characters; we keep them URL-safe for the API. */
export const NameSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9._-]+$/, "use letters, digits, '.', '_' or '-'");

export const SecondsSchema = z.number().int().nonnegative();
export const CapacitySchema = z.number().int().nonnegative().max(1_000_000);
