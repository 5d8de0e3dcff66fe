// The dashboard in Debian's chromium (playwright-core) against `gantry dev` in-process: the fleet overview
// and its EC2 capacity panel, a worker scaling out under load (fleet counts and the target page's activity
// log), dry run switched from the UI, and a screenshot for the README. Skipped without /usr/bin/chromium
// (`.ci/run` installs it).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevRuntime, startDev } from "../../packages/cli/src/dev/dev-runtime.ts";

const CHROMIUM = "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);
const TITLE = HAS_CHROMIUM
  ? "shows a worker scale out, switches dry run, saves a screenshot"
  : "skipped: needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)";
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const DASHBOARD = join(ROOT, "packages/dashboard");
const SCREENSHOT = join(DASHBOARD, "screenshot/dashboard.png");
const ARTIFACTS = fileURLToPath(new URL(".artifacts", import.meta.url));
const START = Date.UTC(2026, 0, 5, 12, 0, 0);
const MINUTE = 60_000;
const ORDERS = "service/demo/orders-worker";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let dev: DevRuntime | undefined;
let browser: Browser | undefined;
let page: Page;
let outDir: string | undefined;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  // Into a temp folder, not packages/dashboard/dist: test/dev expects `/` unbuilt and runs in parallel.
  outDir = mkdtempSync(join(tmpdir(), "gantry-dashboard-"));
  const configFile = join(DASHBOARD, "vite.config.ts");
  await build({ root: DASHBOARD, configFile, logLevel: "error", build: { outDir, emptyOutDir: true } });
  dev = await startDev({
    port: 0,
    traces: "synthetic",
    realtime: false,
    startMs: START,
    staticDir: outDir,
    print: () => undefined,
  });
  // Past the first burst: the orders worker is back to a few tasks (the next burst comes at minute 30).
  await dev.step(20 * MINUTE);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const ordersRow = () => page.locator(`[data-testid=target-row][data-target-id="${ORDERS}"]`);
const count = async (locator: ReturnType<Page["locator"]>) => Number(await locator.textContent());

describe("dashboard in chromium", () => {
  it.skipIf(!HAS_CHROMIUM)(
    TITLE,
    async () => {
      const running = dev as DevRuntime;
      await page.goto(`${running.url}/#/`);
      await expect.poll(() => page.locator("[data-testid=target-row]").count(), { timeout: 10_000 }).toBe(3);
      for (const name of ["orders-worker", "events-worker", "web"])
        expect(await page.locator(`[data-target-id="service/demo/${name}"]`).count()).toBe(1);
      // Under the fleet, the workers' Auto Scaling group that the second stage sizes.
      const group = page.locator("[data-testid=capacity] [data-testid=capacity-row]");
      await expect.poll(() => group.count()).toBe(1);
      expect(await group.textContent()).toContain("demo-workers");
      const before = await count(ordersRow().locator("[data-testid=desired]"));
      expect(before).toBe(running.fleet.services.orders.ecs.desired);

      await running.step(11 * MINUTE); // into the burst at minute 30
      const after = running.fleet.services.orders.ecs.desired;
      expect(after).toBeGreaterThan(before);
      await expect // the fleet page's next poll (every 5 s) shows it
        .poll(() => count(ordersRow().locator("[data-testid=desired]")), { timeout: 12_000 })
        .toBe(after);

      await ordersRow().locator("[data-testid=target-link]").click();
      await page.locator("[data-testid=target-page]").waitFor();
      await expect
        .poll(() => count(page.locator("[data-testid=target-summary] [data-testid=desired]")))
        .toBe(after);
      const newest = page.locator("[data-testid=activity]").first();
      await expect.poll(() => newest.getAttribute("data-action")).toBe("ScaleOut");
      expect(await newest.textContent()).toContain(`→ ${after}`);
      await expect.poll(() => page.locator("[data-testid=series-chart] canvas").count()).toBeGreaterThan(0);

      const toggle = page.locator("[data-testid=dry-run-toggle]");
      expect(await toggle.isChecked()).toBe(false);
      await toggle.click();
      await expect
        .poll(() => page.locator("[data-testid=target-summary] [data-testid=mode]").textContent())
        .toContain("dry run");
      expect(await toggle.isChecked()).toBe(true);
      const stored = (await (await fetch(`${running.url}/targets/demo/orders-worker`)).json()) as {
        config: { target: { dryRun: boolean } };
      };
      expect(stored.config.target.dryRun).toBe(true);
      expect(await page.locator("[data-testid=error]").isHidden()).toBe(true);

      // Every run saves its screenshot under test/browser/.artifacts; UPDATE_SCREENSHOT=1 also refreshes the
      // README's copy, so a test run does not rewrite a tracked file.
      const saved = join(ARTIFACTS, "dashboard.png");
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: saved });
      if (process.env.UPDATE_SCREENSHOT === "1") {
        mkdirSync(dirname(SCREENSHOT), { recursive: true });
        await page.screenshot({ path: SCREENSHOT });
      }
      expect(statSync(saved).size).toBeGreaterThan(1000);
      expect(readFileSync(saved).subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
    },
    60_000,
  );
});
