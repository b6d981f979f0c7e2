// The theme on sites that are not this one, built with plain `hugo` (no npm, no pipeline) by the global
// setup: the theme's exampleSite and a site written for another theme (e2e/fixtures/foreign-site).
// Every page of each, phone and desktop, light and dark: answers 200, has one h1, runs under the strict
// CSP without a violation, has no axe violation, and every link to the same site resolves.
import { readFileSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { test, expect } from "./support/fixtures.ts";
import { sitemapLocs } from "../scripts/lib/sitemap.ts";
import type { ThemeSite } from "./support/global-setup.ts";

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

function themeSites(): ThemeSite[] {
  const raw = process.env.E2E_THEME_SITES;
  if (!raw) throw new Error("E2E_THEME_SITES is not set: run the specs through playwright.config.ts (global setup)");
  return JSON.parse(raw) as ThemeSite[];
}

/** Paths of every page in a built site's sitemap (an index of per-language sitemaps, or one urlset). */
function sitemapPaths(dir: string): string[] {
  const locs = (file: string) => sitemapLocs(readFileSync(file, "utf8")).map((u) => new URL(u).pathname);
  const index = path.join(dir, "sitemap.xml");
  const text = readFileSync(index, "utf8");
  const paths = text.includes("<sitemapindex") ? locs(index).flatMap((sm) => locs(path.join(dir, decodeURI(sm)))) : locs(index);
  return [...new Set(paths)].sort();
}

const views = [
  { name: "phone dark", width: 375, height: 800, scheme: "dark" },
  { name: "desktop light", width: 1280, height: 900, scheme: "light" },
] as const;

test.use({ trace: "off" });

for (const site of themeSites()) {
  test.describe(site.name, () => {
    // the guard fixture allows requests to the served site's origin only: this site's
    test.use({ baseURL: site.baseURL });
    const paths = sitemapPaths(site.siteDir);

    test("its sitemap lists its pages", () => {
      expect(paths.length, `${site.name}: pages in the sitemap`).toBeGreaterThan(3);
    });

    for (const url of paths) {
      for (const v of views) {
        test(`${decodeURI(url)} ${v.name}: 200, one h1, no CSP or axe violation, links resolve`, async ({ page }) => {
          await page.addInitScript(() => {
            window.__cspViolations = [];
            document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations?.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
          });
          await page.setViewportSize({ width: v.width, height: v.height });
          await page.emulateMedia({ colorScheme: v.scheme, reducedMotion: "reduce" });
          const res = await page.goto(url, { waitUntil: "load" });
          expect(res?.status(), url).toBe(200);
          expect(res?.headers()["content-security-policy"], `${url} is served with the CSP`).toMatch(/script-src 'self'; style-src 'self'/);
          await expect(page.locator("h1"), `${url}: exactly one h1`).toHaveCount(1);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
          expect(await page.evaluate(() => window.__cspViolations ?? []), `${url}: CSP violations`).toEqual([]);
          const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
          expect(axe.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${url}: axe`).toEqual([]);
          if (v.name !== views[0].name) return; // links are the same in every view
          const origin = new URL(site.baseURL).origin;
          const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
          const internal = [...new Set(hrefs.filter((h) => new URL(h).origin === origin).map((h) => h.split("#")[0] as string))];
          for (const h of internal) {
            const r = await page.request.get(h);
            expect(r.status(), `${url} links to ${new URL(h).pathname}`).toBe(200);
          }
        });
      }
    }
  });
}
