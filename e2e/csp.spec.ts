// Every page in the sitemap runs under the nginx CSP (script-src 'self'; style-src 'self'; …) with zero
// securitypolicyviolation events and no console errors (the fixture fails a test on console errors).
import { test, expect, sitemapUrls } from "./support/fixtures.ts";

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

test("every page loads under the strict CSP without a violation", async ({ page, baseURL }) => {
  // one test walks every page: a generous limit for a busy 2-core machine (no timing is asserted)
  test.setTimeout(300_000);
  // injected through the DevTools protocol, not as an inline script, so the CSP does not apply to it
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations?.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const urls = await sitemapUrls(page, baseURL as string);
  expect(urls.length).toBeGreaterThan(2);
  const violations: string[] = [];
  for (const url of urls) {
    const res = await page.goto(url, { waitUntil: "load" });
    expect(res?.status(), url).toBe(200);
    expect(res?.headers()["content-security-policy"], `${url} is served with the CSP`).toMatch(/script-src 'self'; style-src 'self'/);
    // let deferred scripts run and report
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const v = await page.evaluate(() => window.__cspViolations ?? []);
    violations.push(...v.map((x) => `${new URL(url).pathname}: ${x}`));
  }
  expect(violations).toEqual([]);
});

test.describe("not found", () => {
  test.use({ allowConsoleErrors: [/status of 404/] });
  test("the 404 pages run under the CSP too", async ({ page }) => {
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations?.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));
    });
    for (const p of ["/gibt-es-nicht/", "/en/does-not-exist/"]) {
      const res = await page.goto(p, { waitUntil: "load" });
      expect(res?.status(), p).toBe(404);
      expect(res?.headers()["content-security-policy"], p).toMatch(/script-src 'self'/);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      expect(await page.evaluate(() => window.__cspViolations ?? []), p).toEqual([]);
    }
  });
});

test.describe("control", () => {
  // the blocked inline script is reported on the console too; here that is the point
  test.use({ allowConsoleErrors: [/Content Security Policy/] });
  test("the CSP really blocks inline script (the listener can see a violation)", async ({ page, baseURL }) => {
    await page.goto(baseURL as string);
    const seen = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective), { once: true });
          const s = document.createElement("script");
          s.textContent = "window.__inlineRan = true";
          document.body.append(s);
        }),
    );
    expect(seen).toMatch(/^script-src/);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  });
});
