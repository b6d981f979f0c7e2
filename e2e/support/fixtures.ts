// The test fixture every spec uses: the served site's baseURL, no request may leave 127.0.0.1,
// and any console error or page error fails the test.
import { test as base, expect, type Page } from "@playwright/test";
import { sitemapPageUrls } from "../../scripts/harness/sitemap.ts";

export interface Guard {
  /** requests to other origins that were blocked */
  foreign: string[];
  /** console errors and uncaught page errors */
  errors: string[];
}

export const test = base.extend<{ guard: Guard; allowConsoleErrors: RegExp[] }>({
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error("E2E_BASE_URL is not set: run the specs through playwright.config.ts (global setup)");
    await use(url);
  },
  allowConsoleErrors: [[], { option: true }],
  guard: [
    async ({ page, baseURL, allowConsoleErrors }, use) => {
      const origin = new URL(baseURL as string).origin;
      const guard: Guard = { foreign: [], errors: [] };
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("data:") || url.startsWith("blob:") || new URL(url).origin === origin) return route.continue();
        guard.foreign.push(url);
        return route.abort("blockedbyclient");
      });
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        const text = msg.text();
        if (allowConsoleErrors.some((re) => re.test(text))) return;
        guard.errors.push(`${page.url()}: ${text}`);
      });
      page.on("pageerror", (err) => guard.errors.push(`${page.url()}: ${err.message}`));
      await use(guard);
      expect(guard.foreign, "requests to other origins").toEqual([]);
      expect(guard.errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** All page URLs of the built site, from its sitemaps (the multilingual index points at one per language). */
export async function sitemapUrls(page: Page, baseURL: string): Promise<string[]> {
  const urls = await sitemapPageUrls(baseURL, async (url) => {
    const res = await page.request.get(url);
    expect(res.status(), url).toBe(200);
    return res.text();
  });
  return urls.sort();
}
