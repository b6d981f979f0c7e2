// The visual goldens depend on fonts; these tests make sure a missing font says so in one line.
import os from "node:os";
import path from "node:path";
import { promises as fs } from "node:fs";
import { chromium } from "@playwright/test";
import { test, expect } from "./support/fixtures.ts";
import { fontProblem, writeFontsConf, FONT_PACKAGES, GOLDEN_FONTS } from "./support/fonts.ts";

test("the theme's sans and mono stacks resolve to the goldens' fonts", async ({ page }) => {
  await page.goto("/technik/");
  expect(await fontProblem(page)).toBeNull();
});

test("a browser without Liberation fails with one line naming the fonts and the fix", async ({ baseURL, browserName }, testInfo) => {
  expect(browserName).toBe("chromium");
  // fontconfig that sees only DejaVu, as on a machine where setup did not install fonts-liberation2
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-fonts-"));
  const conf = writeFontsConf(dir, [FONT_PACKAGES[1].dir]);
  const launch = testInfo.project.use.launchOptions ?? {};
  const browser = await chromium.launch({ ...launch, env: { ...process.env, FONTCONFIG_FILE: conf } });
  try {
    const page = await browser.newPage();
    await page.goto(new URL("/technik/", baseURL).toString());
    expect(await fontProblem(page)).toBe(
      `the visual goldens assume ${GOLDEN_FONTS.sans} and ${GOLDEN_FONTS.mono}, but Chromium renders with DejaVu Sans and DejaVu Sans Mono: run npm run setup (installs fonts-liberation2, fonts-dejavu-core)`,
    );
  } finally {
    await browser.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
