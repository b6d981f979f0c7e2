// Every page of the built site, both languages, phone and desktop width, light and dark:
// no axe violations (WCAG 2.0/2.1 A and AA) and no horizontal scrolling.
import { AxeBuilder } from "@axe-core/playwright";
import { test, expect } from "./support/fixtures.ts";
import { sitemapPathsInDir } from "../scripts/harness/sitemap.ts";

/** Paths of every page in the sitemap, read from the built folder when the spec is collected (after global setup). */
function sitemapPaths(): string[] {
  const dir = process.env.E2E_SITE_DIR;
  if (!dir) throw new Error("E2E_SITE_DIR is not set: run the specs through playwright.config.ts (global setup)");
  return sitemapPathsInDir(dir);
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

test("the smallest phones (320 px): no page scrolls sideways, the header menu fits", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 320, height: 640 });
  const wide: string[] = [];
  for (const url of paths) {
    await page.goto(url);
    const { scrollWidth, innerWidth, menuRight } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      menuRight: Math.max(...[...document.querySelectorAll(".site-header a, .site-header button")].map((e) => e.getBoundingClientRect().right)),
    }));
    if (scrollWidth > innerWidth || menuRight > innerWidth) wide.push(`${decodeURI(url)}: ${scrollWidth}px wide, header to ${menuRight}px`);
  }
  expect(wide).toEqual([]);
  // the unfolded menu fits too
  await page.locator("button[data-nav-toggle]").click();
  await expect(page.locator(".main-nav")).toBeVisible();
  const right = await page.evaluate(() => Math.max(...[...document.querySelectorAll(".site-header a, .site-header button")].map((e) => e.getBoundingClientRect().right)));
  expect(right).toBeLessThanOrEqual(320);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test.describe("keyboard, landmarks, motion", () => {
  test("the first Tab shows the skip link, which moves focus to the main content", async ({ page }) => {
    await page.goto("/technik/");
    await page.keyboard.press("Tab");
    const skip = page.locator(".skip-link");
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await expect(skip).toHaveText("Zum Inhalt springen");
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    // the next Tab lands inside the content, not back in the header
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => !!document.activeElement?.closest("main"))).toBe(true);
  });

  test("focused links and buttons show a visible outline in both themes", async ({ page }) => {
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/en/technik/");
      for (const sel of [".main-nav a", ".lang-switch a", "button[data-theme-toggle]", ".prose a"]) {
        await page.locator(sel).first().focus();
        await page.keyboard.press("Shift+Tab");
        await page.keyboard.press("Tab"); // keyboard focus, so :focus-visible applies
        const outline = await page.evaluate(() => {
          const s = getComputedStyle(document.activeElement as Element);
          return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
        });
        expect(outline.style, `${sel} (${scheme})`).not.toBe("none");
        expect(outline.width, `${sel} (${scheme})`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  test("every page part is in a landmark: one banner, one main, one contentinfo, labelled navigations", async ({ page }) => {
    for (const url of ["/", "/en/tutorials/gajim/"]) {
      await page.goto(url);
      await expect(page.getByRole("banner")).toHaveCount(1);
      await expect(page.getByRole("main")).toHaveCount(1);
      await expect(page.getByRole("contentinfo")).toHaveCount(1);
      for (const nav of await page.getByRole("navigation").all()) await expect(nav).toHaveAttribute("aria-label", /\S/);
    }
    await expect(page.getByRole("navigation", { name: "Breadcrumbs" })).toBeVisible();
  });

  test("with reduced motion requested, nothing animates or transitions", async ({ page }) => {
    await page.goto("/technik/");
    // without the request, the theme does use transitions (so this test can fail)
    expect(await page.locator("button[data-theme-toggle]").evaluate((b) => getComputedStyle(b).transitionDuration)).not.toMatch(/^0s$/);
    await page.emulateMedia({ reducedMotion: "reduce" });
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll("*")]
        .map((el) => ({ el, s: getComputedStyle(el) }))
        .filter(({ s }) => {
          const longest = (v: string) => Math.max(...v.split(",").map((t) => parseFloat(t) * (t.trim().endsWith("ms") ? 1 : 1000)));
          return longest(s.transitionDuration) > 1 || (s.animationName !== "none" && longest(s.animationDuration) > 1);
        })
        .map(({ el }) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "")),
    );
    expect(moving).toEqual([]);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).not.toBe("smooth");
  });
});
