// An esbuild plugin for the Lambda bundles: zod's locale index keeps only English.
// Plain JavaScript because SST loads it with `node` outside the TypeScript toolchain (nodejs.plugins).
import { dirname } from "node:path";

/** zod's ESM locale index: `z.locales`, one module per language (about 258 kB minified, English included). */
const LOCALES_INDEX = /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/;

/**
 * `import { z } from "zod"` used as a value (as @hono/zod-openapi does: `extendZodWithOpenApi(z)`) keeps zod's
 * whole namespace, so esbuild cannot drop `z.locales`. This loads that index as English only: `z.locales.en`
 * stays, the other 60-odd languages go. zod's default messages do not come from the index (classic/schemas.js
 * imports `locales/en.js` itself), so error messages read as before; `z.config(z.locales.fr())` would not work.
 *
 * The filter matches every path and the callback checks it: SST 4.17's plugin bridge
 * (.sst/platform/functions/nodejs-runtime/plugin.mjs) tests each filter against `undefined`, not the path, so a
 * precise filter would never run under `sst deploy`.
 *
 * @type {import("esbuild").Plugin}
 */
export const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onLoad({ filter: /.*/ }, ({ path }) =>
      LOCALES_INDEX.test(path)
        ? { contents: 'export { default as en } from "./en.js";\n', resolveDir: dirname(path), loader: "js" }
        : undefined,
    );
  },
};
