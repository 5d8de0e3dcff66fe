import { GantryError } from "@gantry/core";

/** The stable code and message of any thrown value, for outcomes, activities and logs. */
export function errorInfo(error: unknown): { code: string; message: string } {
  if (error instanceof GantryError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: error.name || "Error", message: error.message };
  return { code: "UnknownError", message: String(error) };
}

/** Thrown values as Errors, so observation results can carry them. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new GantryError("UnknownError", String(error));
}
