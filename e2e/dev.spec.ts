// npm run dev: serves the site and reloads the browser when a .md, .scss or .ts file changes.
import { spawn, type ChildProcess } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { test, expect } from "./support/fixtures.ts";
import { freePort, waitForPort } from "../scripts/harness/ports.ts";
import { root, themeDir } from "../scripts/config/paths.ts";

test.describe.configure({ mode: "serial" });
// The dev server is this test's site: the origin guard allows it instead of the nginx-served build.
test.use({
  baseURL: async ({}, use) => {
    await use(url);
  },
});

let dev: ChildProcess | undefined;
let url = "";
const restore: Array<() => Promise<void>> = [];

async function edit(file: string, change: (s: string) => string) {
  const original = await fs.readFile(file, "utf8");
  restore.push(() => fs.writeFile(file, original));
  await fs.writeFile(file, change(original));
}

test.beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}/`;
  dev = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts", "--port", String(port)], { cwd: root, stdio: "ignore", detached: true });
  await waitForPort(port, "127.0.0.1", 30_000);
});

test.afterAll(async () => {
  for (const r of restore.reverse()) await r();
  if (dev?.pid) {
    process.kill(-dev.pid, "SIGINT");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test("reloads the browser on changes to .md, .scss and .ts files", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(new URL("technik/", url).href);
  await expect(page.locator("h1")).toHaveText("Server Technik");
  await expect(page.locator('script[src*="livereload.js"]')).toHaveCount(1);

  const stamp = Date.now().toString(36);
  await edit(path.join(root, "content/de/technik.md"), (s) => `${s}\nDev-Probe ${stamp}\n`);
  await expect(page.locator(".prose")).toContainText(`Dev-Probe ${stamp}`, { timeout: 20_000 });

  await edit(path.join(themeDir, "assets/scss/main.scss"), (s) => `${s}\n:root { --dev-probe: probe-${stamp}; }\n`);
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--dev-probe").trim()).catch(() => "reloading"), { timeout: 20_000 }).toBe(`probe-${stamp}`);

  await edit(path.join(themeDir, "assets/ts/main.ts"), (s) => `${s}\ndocument.documentElement.dataset.devProbe = "${stamp}";\n`);
  await expect(page.locator("html")).toHaveAttribute("data-dev-probe", stamp, { timeout: 20_000 });
});
