import { api } from "./api";

// The Vite build copies public/assets/config.js into dist; the deployed site overwrites it with the API's URL,
// which the dashboard reads as window.GANTRY_API (packages/dashboard/src/api.ts).
const writeConfig = `node -e "require('node:fs').writeFileSync('dist/assets/config.js', 'window.GANTRY_API = ' + JSON.stringify(process.env.GANTRY_API) + ';\\n')"`;

export const dashboard = new sst.aws.StaticSite("Dashboard", {
  path: "packages/dashboard",
  build: { command: `npm run build && ${writeConfig}`, output: "dist" },
  environment: { GANTRY_API: api.url },
});
