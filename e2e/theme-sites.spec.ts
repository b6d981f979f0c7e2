// The theme on sites that are not this one, built with plain `hugo` (no npm, no pipeline) by the global
// setup: the theme's exampleSite and a site written for another theme (e2e/fixtures/foreign-site).
// Every page of each, phone and desktop, light and dark: answers 200, has one h1, runs under the strict
// CSP without a violation, has no axe violation, and every link to the same site resolves.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { AxeBuilder } from "@axe-core/playwright";
import { test, expect } from "./support/fixtures.ts";
import { sitemapPathsInDir } from "../scripts/harness/sitemap.ts";
import type { ThemeSite } from "../scripts/harness/serve-site.ts";
import { hugoBin } from "../scripts/build/hugo.ts";
import { freePort, waitForPort } from "../scripts/harness/ports.ts";
import { root } from "../scripts/config/paths.ts";

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

const views = [
  { name: "phone dark", width: 375, height: 800, scheme: "dark" },
  { name: "desktop light", width: 1280, height: 900, scheme: "light" },
] as const;

test.use({ trace: "off" });

for (const site of themeSites()) {
  test.describe(site.name, () => {
    // the guard fixture allows requests to the served site's origin only: this site's
    test.use({ baseURL: site.baseURL });
    const paths = sitemapPathsInDir(site.siteDir);

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
          expect(
            axe.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`),
            `${url}: axe`,
          ).toEqual([]);
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

// What the shipped bundles do on a site built with plain hugo: the theme's exampleSite, phone width.
test.describe("exampleSite, plain hugo: the shipped scripts work", () => {
  const example = themeSites().find((s) => s.name === "exampleSite");
  test.skip(!example, "exampleSite is not served");
  test.use({ baseURL: example?.baseURL ?? "", viewport: { width: 375, height: 800 } });

  test("menu, dark mode, copy buttons and QR codes", async ({ page, context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL as string).origin });
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/en/docs/xmpp-links/");
    // the phone menu opens; the theme button sits in it
    const menu = page.locator("button[data-nav-toggle]");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(page.locator("#main-nav")).toBeVisible();
    // dark mode: automatic -> light -> dark, and the page turns dark
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    const toggle = page.locator("button[data-theme-toggle]");
    await toggle.click();
    await toggle.click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await bg()).not.toBe(light);
    // and the menu closes again
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.locator("#main-nav")).toBeHidden();
    // a QR code drawn for the xmpp: link
    await expect(page.locator("[data-qr] svg.qr").first()).toBeAttached();
    // a copy button copies its value
    const copy = page.locator(".copy-button").first();
    await copy.scrollIntoViewIfNeeded();
    await copy.click();
    expect((await page.evaluate(() => navigator.clipboard.readText())).length).toBeGreaterThan(0);
    // a block with line numbers in a table copies the code, not the numbers
    await page.goto("/en/docs/code-figures/");
    const table = page.locator(".code-block:has(.lntable)").first();
    await table.locator(".copy-button").click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe('VirtualHost "example.org"\n  allow_registration = true\n  modules_enabled = { "invites", "invites_register" }');
  });
});

test.describe("exampleSite, plain hugo server", () => {
  let base = "";
  let stop = async () => {};
  test.beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}/`;
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-server-"));
    // no npm, no pipeline: hugo server on the theme's own exampleSite, as a theme user runs it; output in
    // the temp folder (0.169 renders to disk by default, 0.111 has no --renderToMemory)
    const child = spawn(
      hugoBin(),
      [
        "server",
        "--source",
        path.join(root, "themes/broccoli/exampleSite"),
        "--bind",
        "127.0.0.1",
        "--port",
        String(port),
        "--baseURL",
        base,
        "--appendPort=false",
        "--disableLiveReload",
        "--destination",
        path.join(tmp, "public"),
      ],
      {
        env: { ...process.env, HUGO_RESOURCEDIR: path.join(tmp, "resources"), HUGO_CACHEDIR: path.join(tmp, "cache") },
        stdio: "ignore",
      },
    );
    stop = async () => {
      child.kill("SIGTERM");
      await fs.rm(tmp, { recursive: true, force: true });
    };
    await waitForPort(port, "127.0.0.1", 60_000);
  });
  test.afterAll(async () => stop());

  test("serves the home page with the theme's styles and scripts", async ({ page }) => {
    // this server is not the fixture's site: its origin is allowed here (a later route is asked first)
    await page.route(`${base}**`, (route) => route.continue());
    const res = await page.goto(base);
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1")).toHaveCount(1);
    const css = await page.evaluate(() => [...document.styleSheets].filter((s) => s.href?.includes("/dist/css/main.")).length);
    expect(css).toBe(1);
    await page.locator("button[data-theme-toggle]").click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", /light|dark/);
  });
});
