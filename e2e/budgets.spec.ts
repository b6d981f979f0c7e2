// Byte budgets (issue 6), for every page in the sitemap, as the browser receives it from nginx:
// - HTML + render-blocking CSS at most 14 KB gzip (the first round trip of a new connection);
// - no render-blocking script but the theme's colour-scheme script theme-init (at most 1 KB gzip);
// - at most 3 KB gzip of JavaScript; the registration bundle counts on /register/ and /invite/ only;
// - the account page's bundle (login with SCRAM, password change, deletion) at most 8 KB gzip, on /account/ only;
// - no request to another origin, no font files, every <img> with width and height.
// Sizes are the received bodies compressed with gzip -9 here (the level of the build's .gz files),
// so the figures do not depend on how the test server compresses. The logic is scripts/perf/measure.ts,
// which npm run bench uses for its per-page figures too.
import { test, expect, sitemapUrls } from "./support/fixtures.ts";
import { measurePage, budgetViolations, type PageReport } from "../scripts/perf/measure.ts";

const kb = (n: number) => (n / 1024).toFixed(1);

// The sitemap in two halves, so both workers measure at once.
const SHARDS = 2;
for (let shard = 0; shard < SHARDS; shard++) {
  test(`every page keeps its byte budgets (part ${shard + 1} of ${SHARDS})`, async ({ page, baseURL }) => {
    // one page load per sitemap URL; seconds on an idle machine, more when the machine is busy
    test.setTimeout(300_000);
    const all = await sitemapUrls(page, baseURL as string);
    expect(all.length).toBeGreaterThan(2);
    const urls = all.filter((_u, i) => i % SHARDS === shard);
    const reports: PageReport[] = [];
    const liveImages: string[] = [];
    for (const url of urls) {
      reports.push(await measurePage(page, url));
      // the live document too: an image a script inserts can shift the layout as well
      const found = await page.locator("img").evaluateAll((imgs) => imgs.filter((i) => !i.getAttribute("width") || !i.getAttribute("height")).map((i) => i.getAttribute("src") ?? "(no src)"));
      liveImages.push(...found.map((src) => `${new URL(url).pathname}: <img src="${src}"> without width and height (in the live DOM)`));
    }

    console.log(
      reports
        .map((r) => `${new URL(r.url).pathname}: html+css ${kb(r.htmlGzip + r.blockingCssGzip)} KB, js ${kb(r.jsGzip)} KB (+${kb(r.pageBundleGzip)} page-only), ${r.requests} requests`)
        .join("\n"),
    );
    for (const r of reports) expect(r.broken, `${r.url}: failed or 4xx/5xx responses`).toEqual([]);
    expect([...reports.flatMap((r) => budgetViolations(r)), ...liveImages]).toEqual([]);
  });
}

test("the account page's bundle, SCRAM included, is at most 8 KB gzip and loads on that page only", async ({ page, baseURL }) => {
  for (const path of ["/account/", "/en/account/"]) {
    const r = await measurePage(page, new URL(path, baseURL).href);
    console.log(`${path}: account bundle ${kb(r.pageBundleGzip)} KB gzip`);
    expect(r.pageBundleGzip, `${path}: the account bundle was not loaded`).toBeGreaterThan(0);
    expect(r.pageBundleGzip, `${path}: account bundle ${kb(r.pageBundleGzip)} KB gzip, budget 8.0 KB`).toBeLessThanOrEqual(8 * 1024);
    expect(budgetViolations(r)).toEqual([]);
  }
});
