import * as z from "zod";

// zod's AOT compiler (z.compile) turns a schema into generated code: no per-call closures or issue arrays.
// Its parser answers only valid input; anything it rejects is re-parsed by the schema's own runtime parser, so
// every error (issue, path, message) is the one the schema itself reports. Compiling costs tens of ms once.
const compiled = new WeakMap<z.ZodType, z.ZodType>();

/** The compiled twin of `schema`, built on first call (tens of ms for the largest schemas, once per process). */
export function compiledSchema<S extends z.ZodType>(schema: S): S {
  // Only real zod schemas compile: callers may pass a stand-in that only has safeParse.
  if (!("_zod" in schema)) return schema;
  let fast = compiled.get(schema);
  if (fast === undefined) {
    fast = z.compile(schema);
    compiled.set(schema, fast);
  }
  return fast as S;
}
