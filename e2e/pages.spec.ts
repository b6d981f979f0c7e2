// Every page the sitemap lists: answers 200, one h1, a title, a description, html lang of its language,
// and no link whose text does not name its target (Lighthouse's link-text audit, per language).
import { test, expect, sitemapUrls } from "./support/fixtures.ts";
import { isVagueLinkText } from "../scripts/content/link-text.ts";

test("every URL in the sitemap is a complete page in its language", async ({ page, baseURL }) => {
  // one test walks every page: a generous limit for a busy 2-core machine (no timing is asserted)
  test.setTimeout(300_000);
  const urls = await sitemapUrls(page, baseURL as string);
  expect(urls.length).toBeGreaterThan(2);
  const base = new URL(baseURL as string);
  for (const url of urls) {
    expect(new URL(url).origin, `${url} is on this site`).toBe(base.origin);
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    await expect(page.locator("h1"), `${url}: exactly one h1`).toHaveCount(1);
    expect((await page.title()).trim(), `${url}: title`).not.toBe("");
    const desc = await page.locator('meta[name="description"]').getAttribute("content");
    expect(desc?.trim(), `${url}: meta description`).toBeTruthy();
    const lang = await page.locator("html").getAttribute("lang");
    const expected = new URL(url).pathname.startsWith("/en/") ? "en" : "de";
    expect(lang, `${url}: html lang`).toBe(expected);
    const links = await page.locator("a[href]").evaluateAll((as) => as.map((a) => ({ text: a.textContent ?? "", lang: a.closest("[lang]")?.getAttribute("lang") ?? "" })));
    const vague = links.filter((l) => isVagueLinkText(l.text, l.lang)).map((l) => l.text.trim());
    expect(vague, `${url}: link texts that do not name their target`).toEqual([]);
  }
});

test("the English and German home pages list their language in the sitemap", async ({ page, baseURL }) => {
  const urls = await sitemapUrls(page, baseURL as string);
  expect(urls).toContain(new URL("/", baseURL).href);
  expect(urls).toContain(new URL("/en/", baseURL).href);
  expect(urls).toContain(new URL("/technik/", baseURL).href);
  expect(urls).toContain(new URL("/en/technik/", baseURL).href);
});

test.describe("not found", () => {
  // Chromium reports the 404 status of the document itself as a console error.
  test.use({ allowConsoleErrors: [/status of 404/] });
  test("an unknown address gets the 404 page with status 404", async ({ page }) => {
    const res = await page.goto("/no-such-page/");
    expect(res?.status()).toBe(404);
    await expect(page.locator("h1")).toHaveText("Seite nicht gefunden");
  });
});
