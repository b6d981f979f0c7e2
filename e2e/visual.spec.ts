// Visual regression: home, technik, clients and a news post, light and dark, phone and desktop,
// compared with the committed goldens in e2e/visual.spec.ts-snapshots/ (npm run test:update-goldens).
// The goldens are drawn with the fonts of e2e/support/fonts.ts (Liberation Sans and Mono, DejaVu as the
// fallback): before any picture is compared, the spec checks that the browser really uses them.
import { test, expect } from "./support/fixtures.ts";
import { fontProblem } from "./support/fonts.ts";

const pages = [
  { name: "home", url: "/" },
  { name: "technik", url: "/technik/" },
  { name: "clients", url: "/clients/" },
  { name: "news-post", url: "/news/2017-11-26-prosody-0-10/" },
];
const viewports = [
  { name: "mobile", width: 375, height: 800 },
  { name: "desktop", width: 1280, height: 900 },
] as const;
const schemes = ["light", "dark"] as const;

// one clear line instead of a pixel diff when the machine's fonts are not the goldens' fonts
test.beforeAll(async ({ browser, baseURL }) => {
  const page = await browser.newPage();
  try {
    await page.goto(new URL("/technik/", baseURL).toString());
    const problem = await fontProblem(page);
    if (problem) throw new Error(problem);
  } finally {
    await page.close();
  }
});

for (const p of pages) {
  for (const vp of viewports) {
    for (const scheme of schemes) {
      test(`${p.name} ${vp.name} ${scheme}`, async ({ page }) => {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
        const res = await page.goto(p.url);
        expect(res?.status()).toBe(200);
        // lazy images (the statistics graphs) load before the picture is taken
        await page.evaluate(async () => {
          for (const img of document.querySelectorAll("img")) img.loading = "eager";
          await Promise.all([...document.images].map((img) => (img.complete ? null : img.decode().catch(() => null))));
        });
        await page.evaluate(() => document.fonts.ready);
        await expect(page).toHaveScreenshot(`${p.name}-${vp.name}-${scheme}.png`, {
          fullPage: true,
          animations: "disabled",
          caret: "hide",
          // things that change from run to run or with each commit: the year, the last edit date, the
          // endpoint URLs (they name the test server's random port), and the live status figures and their
          // sparklines (read from the running Prosody)
          mask: [page.locator(".lastmod"), page.locator(".footer-note"), page.locator(".endpoints code"), page.locator(".status-value"), page.locator(".sparkline")],
          maxDiffPixelRatio: 0.001,
          threshold: 0.2,
        });
      });
    }
  }
}
