// The dashboard in Debian's chromium (playwright-core) against `gantry dev` in-process, with one target whose
// ECS service does not exist: the fleet page leading with what needs attention, a worker scaling out under load,
// dry run switched from the UI, the time range control, the one clock, the failing target's page and the
// capacity group's page. Screenshots land in test/browser/.artifacts (UPDATE_SCREENSHOT=1 also refreshes the
// README's). Skipped without /usr/bin/chromium (`.ci/run` installs it).
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
const SKIP = "skipped: needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)";
const title = (what: string) => (HAS_CHROMIUM ? what : `${what} (${SKIP})`);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const DASHBOARD = join(ROOT, "packages/dashboard");
const SCREENSHOT = join(DASHBOARD, "screenshot/dashboard.png");
const ARTIFACTS = fileURLToPath(new URL(".artifacts", import.meta.url));
const START = Date.UTC(2026, 0, 5, 12, 0, 0);
const MINUTE = 60_000;
const ORDERS = "service/demo/orders-worker";
const GHOST = "service/demo/ghost";
/** The browser's own zone: one hour ahead of UTC in January, so the clock switch shows. */
const LOCAL_ZONE = "Europe/Berlin";
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

/** A target for a service the simulated account does not have: every pass fails with NotFound. */
const ghost = {
  target: { id: GHOST, minCapacity: 1, maxCapacity: 5 },
  policies: [
    {
      name: "cpu",
      type: "TargetTracking",
      targetValue: 50,
      metric: { predefined: "ECSServiceAverageCPUUtilization" },
    },
  ],
};

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
  const put = await fetch(`${dev.url}/targets/demo/ghost`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ghost),
  });
  expect(put.status).toBe(201);
  // Past the first burst: the orders worker is back to a few tasks (the next burst comes at minute 30).
  await dev.step(20 * MINUTE);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1000 },
    timezoneId: LOCAL_ZONE,
  });
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const running = () => dev as DevRuntime;
const row = (id: string) => page.locator(`[data-testid=target-row][data-target-id="${id}"]`);
const count = async (locator: ReturnType<Page["locator"]>) => Number(await locator.textContent());
const issue = (kind: string, subject: string) =>
  page.locator(`[data-testid=issue][data-kind=${kind}][data-subject="${subject}"]`);

/** Every run saves under test/browser/.artifacts; UPDATE_SCREENSHOT=1 also refreshes the README's fleet page. */
async function screenshot(name: string, readme = false): Promise<void> {
  const saved = join(ARTIFACTS, `${name}.png`);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: saved });
  if (readme && process.env.UPDATE_SCREENSHOT === "1") {
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  }
  expect(statSync(saved).size).toBeGreaterThan(1000);
  expect(readFileSync(saved).subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
}

describe.skipIf(!HAS_CHROMIUM)("dashboard in chromium", () => {
  it(title("leads the fleet page with what needs attention, each with its reason"), async () => {
    await page.goto(`${running().url}/#/`);
    await expect.poll(() => page.locator("[data-testid=target-row]").count(), { timeout: 10_000 }).toBe(5);
    const failing = issue("failing", GHOST);
    await expect.poll(() => failing.count()).toBe(1);
    expect(await failing.locator("[data-testid=issue-reason]").textContent()).toBe(
      "NotFound: ECS service service/demo/ghost does not exist",
    );
    expect(await issue("stale", GHOST).textContent()).toContain("ECS did not report this service");
    // Healthy targets are not listed; the health section comes before the table.
    expect(await page.locator(`[data-testid=issue][data-subject="${ORDERS}"]`).count()).toBe(0);
    const [health, table] = await Promise.all(
      ["health", "fleet"].map((id) => page.locator(`[data-testid=${id}]`).boundingBox()),
    );
    expect(health?.y ?? 0).toBeLessThan(table?.y ?? 0);
    // The table: pending, the last hour as a sparkline, and the failing target's missing series said so.
    const orders = running().fleet.services.orders.ecs;
    expect(await count(row(ORDERS).locator("[data-testid=pending]"))).toBe(orders.pendingCount);
    // Gantry's own samples, each at the pass that kept it: more points than the fleet's 31 minutes.
    const points = await row(ORDERS).locator("[data-testid=sparkline]").getAttribute("data-points");
    expect(Number(points)).toBeGreaterThan(31);
    // No pass could observe the ghost's service, so it has no sample: the sparkline says so.
    expect(await row(GHOST).locator("[data-testid=sparkline] title").textContent()).toBe(
      "no data in the last hour",
    );
    // The EC2 group: a readable row, linked to its page.
    // The EC2 groups: demo-workers (mode asg) and demo-batch-cp (mode capacityProvider), by name.
    const groups = page.locator("[data-testid=capacity] [data-testid=capacity-link]");
    expect((await groups.allTextContents()).sort()).toEqual(["demo-batch-cp", "demo-workers"]);
  });

  it(title("shows a worker scale out and its reasons, switches dry run"), async () => {
    const before = await count(row(ORDERS).locator("[data-testid=desired]"));
    expect(before).toBe(running().fleet.services.orders.ecs.desired);
    await running().step(11 * MINUTE); // into the burst at minute 30
    const after = running().fleet.services.orders.ecs.desired;
    expect(after).toBeGreaterThan(before);
    await expect // the fleet page's next poll (every 5 s) shows it
      .poll(() => count(row(ORDERS).locator("[data-testid=desired]")), { timeout: 12_000 })
      .toBe(after);
    const last = row(ORDERS).locator("[data-testid=last-action]");
    expect(await last.getAttribute("data-action")).toBe("ScaleOut");
    await screenshot("fleet", true);

    await row(ORDERS).locator("[data-testid=target-link]").click();
    await page.locator("[data-testid=target-page]").waitFor();
    await expect
      .poll(() => count(page.locator("[data-testid=target-summary] [data-testid=desired]")))
      .toBe(after);
    const newest = page.locator("[data-testid=activity]").first();
    await expect.poll(() => newest.getAttribute("data-action")).toBe("ScaleOut");
    expect(await newest.textContent()).toContain(`→ ${after}`);
    await expect.poll(() => page.locator("[data-testid=series-chart] canvas").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-testid=target-health]").isHidden()).toBe(true);

    const toggle = page.locator("[data-testid=dry-run-toggle]");
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await expect
      .poll(() => page.locator("[data-testid=target-summary] [data-testid=mode]").textContent())
      .toContain("dry run");
    expect(await toggle.isChecked()).toBe(true);
    // The page's own health line says so at once, with what dry run means.
    expect(await page.locator("[data-testid=target-health] [data-kind=dryRun]").textContent()).toContain(
      "does not change the service",
    );
    const stored = (await (await fetch(`${running().url}/targets/demo/orders-worker`)).json()) as {
      config: { target: { dryRun: boolean } };
    };
    expect(stored.config.target.dryRun).toBe(true);
    expect(await page.locator("[data-testid=error]").isHidden()).toBe(true);
    await screenshot("target");
  });

  it(title("charts the chosen range, ending at the API's now; the choice is kept"), async () => {
    const chart = page.locator("[data-testid=series-chart]");
    const span = async () =>
      Number(await chart.getAttribute("data-to")) - Number(await chart.getAttribute("data-from"));
    expect(await chart.getAttribute("data-range")).toBe("1h");
    expect(Number(await chart.getAttribute("data-to"))).toBe(START + 31 * MINUTE);

    await page.locator('[data-testid=range-control] [data-range="15m"]').click();
    await expect.poll(() => chart.getAttribute("data-range")).toBe("15m");
    expect(await span()).toBe(15 * MINUTE);
    // Pass-level resolution: each sample at the pass that kept it (sub-ticks every 15 s), the range's start
    // and now; the chart draws what the API answers for the window.
    const window = `from=${START + 16 * MINUTE}&to=${START + 31 * MINUTE}`;
    const answer = (await (
      await fetch(`${running().url}/targets/demo/orders-worker/series?${window}`)
    ).json()) as {
      points: { at: number; pending: number | null }[];
    };
    expect(Number(await chart.getAttribute("data-points"))).toBe(answer.points.length);
    expect(answer.points[0]?.at).toBe(START + 16 * MINUTE);
    expect(answer.points.at(-1)?.at).toBe(START + 31 * MINUTE);
    expect(answer.points.some((p) => p.at % MINUTE !== 0)).toBe(true);
    expect(answer.points.every((p) => p.pending !== null)).toBe(true);

    await page.locator('[data-testid=range-control] [data-range="7d"]').click();
    await expect.poll(() => chart.getAttribute("data-range")).toBe("7d");
    expect(await span()).toBe(7 * 24 * 60 * MINUTE);
    // A week is drawn at the API's coarser period: the chart holds what the API answers for that window.
    const [from, to] = [await chart.getAttribute("data-from"), await chart.getAttribute("data-to")];
    const week = (await (
      await fetch(`${running().url}/targets/demo/orders-worker/series?from=${from}&to=${to}`)
    ).json()) as { periodSeconds: number; points: unknown[] };
    expect(week.periodSeconds).toBeGreaterThan(60);
    expect(Number(await chart.getAttribute("data-points"))).toBe(week.points.length);

    await page.reload();
    await expect.poll(() => chart.getAttribute("data-range")).toBe("7d");
    const pressed = page.locator('[data-testid=range-control] [data-range="7d"]');
    expect(await pressed.getAttribute("aria-pressed")).toBe("true");
  });

  it(title("shows every time in one zone, UTC unless the browser's is chosen"), async () => {
    const first = page.locator("[data-testid=activity] td").first();
    await first.waitFor();
    const activities = (await (
      await fetch(`${running().url}/targets/demo/orders-worker/activities?limit=1`)
    ).json()) as {
      items: { startTime: number }[];
    };
    const start = activities.items[0]?.startTime as number;
    const utc = new Date(start).toISOString().replace("T", " ").slice(0, 19);
    expect(await first.textContent()).toBe(utc);
    expect(await page.locator("[data-testid=updated]").textContent()).toMatch(/^updated \d\d:\d\d:\d\d UTC$/);

    await page.locator("[data-testid=zone-select]").selectOption("local");
    const berlin = new Date(start + 60 * MINUTE).toISOString().replace("T", " ").slice(0, 19);
    await expect.poll(() => page.locator("[data-testid=activity] td").first().textContent()).toBe(berlin);
    expect(await page.locator("[data-testid=activity-log] th").first().textContent()).toBe(
      `Time (${LOCAL_ZONE})`,
    );
    await page.reload();
    await expect.poll(() => page.locator("[data-testid=activity] td").first().textContent()).toBe(berlin);
    await page.locator("[data-testid=zone-select]").selectOption("utc");
    await expect.poll(() => page.locator("[data-testid=activity] td").first().textContent()).toBe(utc);
  });

  it(title("says at the top of a failing target's page why it fails, and why it has no chart"), async () => {
    await page.goto(`${running().url}/#/targets/demo/ghost`);
    const top = page.locator("[data-testid=target-health] [data-kind=failing]");
    await top.waitFor();
    expect(await top.textContent()).toContain("NotFound: ECS service service/demo/ghost does not exist");
    const message = page.locator("[data-testid=series-message]");
    await expect.poll(() => message.textContent()).toContain("No sample in this range");
    expect(await page.locator("[data-testid=series-chart]").isHidden()).toBe(true);
    const [health, summary] = await Promise.all(
      ["target-health", "target-summary"].map((id) => page.locator(`[data-testid=${id}]`).boundingBox()),
    );
    expect(health?.y ?? 0).toBeLessThan(summary?.y ?? 0);
    await screenshot("failing-target");
  });

  it(title("has a page per capacity group: its instances, services and activity with reasons"), async () => {
    await page.goto(`${running().url}/#/`);
    await page.locator("[data-testid=capacity-link]", { hasText: "demo-workers" }).click();
    const group = page.locator("[data-testid=capacity-page][data-group=demo-workers]");
    await group.waitFor();
    const services = page.locator("[data-testid=capacity-services] tbody tr");
    await expect.poll(() => services.count()).toBe(2);
    await expect.poll(() => page.locator("[data-testid=capacity-chart] canvas").count()).toBeGreaterThan(0);
    // The instance chart is the capacity stage's own samples: the range's start, a sample or more, now.
    const chart = page.locator("[data-testid=capacity-chart]");
    await expect.poll(async () => Number(await chart.getAttribute("data-points"))).toBeGreaterThan(2);
    expect(await page.locator("[data-testid=capacity-note]").textContent()).toMatch(/as each pass saw them/);
    const activities = page.locator("[data-testid=activity]");
    await expect.poll(() => activities.count()).toBeGreaterThan(0);
    // A change's parts on their own lines: the instance counts, then each reason with its code.
    const first = page.locator("[data-testid=activity] .message-parts li:first-child").first();
    expect(await first.textContent()).toMatch(/^instances \d+ → \d+/);
    await screenshot("capacity-group");
  });
});
