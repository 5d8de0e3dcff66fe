// The dashboard is a static site, served by `gantry dev` and `gantry dashboard`: relative asset URLs
// (`base: "./"`), so it works from any path.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1024 },
});
