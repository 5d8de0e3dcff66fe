// The esbuild plugins SST runs when it bundles each function (`nodejs: { plugins: "infra/esbuild-plugins.mjs" }`,
// a path from the project root). SST imports this file with `node` and reads its default export.
import { lambdaCredentialProviders } from "./lambda-credential-providers.mjs";
import { zodEnglishOnly } from "./zod-english-only.mjs";

// biome-ignore lint/style/noDefaultExport: SST's contract for nodejs.plugins is the module's default export.
export default [zodEnglishOnly, lambdaCredentialProviders];
