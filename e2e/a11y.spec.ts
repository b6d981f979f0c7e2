// Every page of the built site, both languages, phone and desktop width, light and dark:
// no axe violations (WCAG 2.0/2.1 A and AA) and no horizontal scrolling.
import { readFileSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { test, expect } from "./support/fixtures.ts";

/** Paths of every page in the sitemap, read from the built folder when the spec is collected (after global setup). */
function sitemapPaths(): string[] {
  const dir = process.env.E2E_SITE_DIR;
  if (!dir) throw new Error("E2E_SITE_DIR is not set: run the specs through playwright.config.ts (global setup)");
  const locs = (file: string) =>
    [...readFileSync(file, "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL((m[1] as string).trim()).pathname);
  const index = path.join(dir, "sitemap.xml");
  const text = readFileSync(index, "utf8");
  const paths = text.includes("<sitemapindex") ? locs(index).flatMap((sm) => locs(path.join(dir, decodeURI(sm)))) : locs(index);
  return [...new Set(paths)].sort();
}

const paths = sitemapPaths();
const viewports = [
  { name: "phone", width: 375, height: 800 },
  { name: "desktop", width: 1280, height: 900 },
] as const;
const schemes = ["light", "dark"] as const;

// a violation list says what is wrong; a trace of every axe run would only cost time
test.use({ trace: "off" });

test("the sitemap lists both languages", () => {
  expect(paths).toContain("/");
  expect(paths).toContain("/en/");
  expect(paths.length).toBeGreaterThan(10);
});

for (const url of paths) {
  test.describe(decodeURI(url), () => {
    for (const vp of viewports) {
      for (const scheme of schemes) {
        test(`${vp.name} ${scheme}: no axe violations, no horizontal scroll`, async ({ page }) => {
          await page.setViewportSize({ width: vp.width, height: vp.height });
          await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
          const res = await page.goto(url);
          expect(res?.status(), url).toBe(200);
          // the stylesheet follows the system preference (no stored choice in a fresh context)
          const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          const [r = 0, g = 0, b = 0] = (bg.match(/\d+/g) ?? []).map(Number);
          const light = (r + g + b) / 3 > 128;
          expect(light ? "light" : "dark", `body background ${bg}`).toBe(scheme);

          const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
          const violations = results.violations.map((v) => ({
            rule: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")} — ${(n.failureSummary ?? "").split("\n").slice(1, 2).join("").trim()}`),
          }));
          expect(violations, `${url} at ${vp.width}px, ${scheme}`).toEqual([]);

          const { scrollWidth, innerWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
          }));
          expect(scrollWidth, `${url} scrolls sideways at ${vp.width}px`).toBeLessThanOrEqual(innerWidth);
        });
      }
    }
  });
}
