// Getting around: the language switch leads to the translated page, the colour theme is remembered
// (and applied before the page is drawn), feeds are well-formed XML, every internal link and #anchor resolves.
import { readdirSync } from "node:fs";
import path from "node:path";
import { test, expect, sitemapUrls } from "./support/fixtures.ts";
import type { Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";

const lang = (url: string) => (new URL(url).pathname.startsWith("/en/") ? "en" : "de");

test.describe("language switch", () => {
  test("leads from technik to its translation and back", async ({ page }) => {
    await page.goto("/technik/");
    await page.locator(".lang-switch a").click();
    await expect(page).toHaveURL(/\/en\/technik\/$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator("h1")).toHaveText("Server Technology");
    await page.locator(".lang-switch a").click();
    await expect(page).toHaveURL(/\/technik\/$/);
    expect(new URL(page.url()).pathname).toBe("/technik/");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
  });

  test("on every page with a translation, leads to that translation (not the home page)", async ({ page, baseURL }) => {
    test.setTimeout(300_000);
    const urls = await sitemapUrls(page, baseURL as string);
    await page.goto("/");
    let checked = 0;
    for (const url of urls) {
      const other = lang(url) === "de" ? "en" : "de";
      const html = await (await page.request.get(url)).text();
      const found = await page.evaluate(
        ([html, other]) => {
          const doc = new DOMParser().parseFromString(html as string, "text/html");
          return {
            alternate: doc.querySelector(`head link[rel="alternate"][hreflang="${other}"]`)?.getAttribute("href") ?? null,
            switches: [...doc.querySelectorAll(`.lang-switch a[hreflang="${other}"]`)].map((a) => a.getAttribute("href") ?? ""),
          };
        },
        [html, other],
      );
      expect(found.switches, `${url}: one link to ${other}`).toHaveLength(1);
      if (!found.alternate) continue; // no translation: the switch leads to that language's home
      expect(new URL(found.switches[0] as string, url).pathname, `${url}: switch to ${other}`).toBe(new URL(found.alternate).pathname);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});

test.describe("menus", () => {
  // The theme renders the menus once per menu state (partials/utils/menu-state.html), not once per page;
  // this holds it to what Hugo's IsMenuCurrent / HasMenuCurrent mean, on every page of the site.
  test("mark the current page, or the section it is in, and nothing else", async ({ page, baseURL }) => {
    test.setTimeout(300_000);
    const urls = await sitemapUrls(page, baseURL as string);
    await page.goto("/");
    let marked = 0;
    for (const url of urls) {
      const html = await (await page.request.get(url)).text();
      const menus = await page.evaluate((html) => {
        const doc = new DOMParser().parseFromString(html, "text/html");
        const read = (sel: string) => ({
          hrefs: [...doc.querySelectorAll(`${sel} a`)].map((a) => a.getAttribute("href") ?? ""),
          current: [...doc.querySelectorAll(`${sel} a[aria-current="page"]`)].map((a) => a.getAttribute("href") ?? ""),
        });
        return { main: read("#main-nav"), footer: read(".site-footer nav") };
      }, html);
      const here = new URL(url).pathname;
      const home = lang(url) === "en" ? "/en/" : "/";
      for (const [name, m] of Object.entries(menus)) {
        expect(m.hrefs.length, `${url}: ${name} menu`).toBeGreaterThan(0);
        // the entry for this page, else an entry for a section this page is in (never the home entry)
        const expected = m.hrefs.filter((h) => h === here).length ? [here] : m.hrefs.filter((h) => h !== home && here.startsWith(h));
        expect(m.current, `${url}: ${name} menu marks`).toEqual(expected);
        marked += m.current.length;
      }
    }
    expect(marked).toBeGreaterThan(20);
  });
});

test.describe("menu on phones", () => {
  test.use({ viewport: { width: 375, height: 800 } });

  test("folds behind a Menu button that opens, closes with Escape, and leads to the pages", async ({ page }) => {
    await page.goto("/technik/");
    const button = page.getByRole("button", { name: "Menü" });
    const nav = page.getByRole("navigation", { name: "Hauptmenü" });
    await expect(button).toBeVisible();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();
    await expect(page.locator(".lang-switch")).toBeHidden();

    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    await expect(page.locator(".lang-switch a")).toBeVisible();
    await expect(page.locator("button[data-theme-toggle]")).toBeVisible();
    const axe = await new AxeBuilder({ page }).include(".site-header").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    const box = await nav.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);

    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(button).toBeFocused();

    await button.click();
    await nav.getByRole("link", { name: "Clients" }).click();
    await expect(page).toHaveURL(/\/clients\/$/);
    await expect(page.getByRole("navigation", { name: "Hauptmenü" })).toBeHidden();
  });

  test("on a desktop there is no Menu button, the menu is always there", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/technik/");
    await expect(page.getByRole("button", { name: "Menü" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Hauptmenü" })).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the menu is simply shown, wrapped, with no button", async ({ page }) => {
      await page.goto("/technik/");
      await expect(page.locator("button[data-nav-toggle]")).toBeHidden();
      await expect(page.getByRole("navigation", { name: "Hauptmenü" }).getByRole("link", { name: "Registrieren" })).toBeVisible();
      await expect(page.locator(".lang-switch a")).toBeVisible();
    });
  });
});

test.describe("colour theme", () => {
  const bodyIsDark = (page: Page) =>
    page.evaluate(() => {
      const [r = 0, g = 0, b = 0] = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []).map(Number);
      return (r + g + b) / 3 < 128;
    });

  test("the toggle cycles system → light → dark → system and the choice is kept across pages", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/technik/");
    const toggle = page.locator("button[data-theme-toggle]");
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAccessibleName("Farbschema: automatisch");
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);

    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Farbschema: hell");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Farbschema: dunkel");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await bodyIsDark(page)).toBe(true);

    // another page, reached through the menu: still dark, although the system says light
    await page.locator(".main-nav a", { hasText: "Clients" }).click();
    await expect(page).toHaveURL(/\/clients\/$/);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await bodyIsDark(page)).toBe(true);
    await expect(page.locator("button[data-theme-toggle]")).toHaveAccessibleName("Farbschema: dunkel");

    // and in the other language too (same origin, same storage)
    await page.locator(".lang-switch a").click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.locator("button[data-theme-toggle]")).toHaveAccessibleName("Theme: dark");

    // back to following the system
    await page.locator("button[data-theme-toggle]").click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
    expect(await page.evaluate(() => localStorage.getItem("theme"))).toBeNull();
    expect(await bodyIsDark(page)).toBe(false);
    await page.reload();
    expect(await bodyIsDark(page)).toBe(false);
  });

  test("without a stored choice, the theme follows the system preference", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    expect(await bodyIsDark(page)).toBe(true);
    await page.emulateMedia({ colorScheme: "light" });
    expect(await bodyIsDark(page)).toBe(false);
  });

  test.describe("before first paint", () => {
    // main.js is blocked here on purpose, to prove the head script alone applies the theme.
    test.use({ allowConsoleErrors: [/Failed to load resource/] });
    test("a stored choice is on <html> before <body> exists, without the deferred bundle", async ({ page }) => {
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto("/");
      await page.evaluate(() => localStorage.setItem("theme", "dark"));
      await page.route(/\/dist\/js\/main\.[^/]*\.js$/, (route) => route.abort());
      // Record html[data-theme] at the moment the parser inserts <body> (nothing can be painted before that).
      await page.addInitScript(() => {
        const w = window as unknown as { __themeAtBody?: string | null };
        new MutationObserver((_records, observer) => {
          if (document.body) {
            w.__themeAtBody = document.documentElement.getAttribute("data-theme");
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto("/technik/");
      expect(await page.evaluate(() => (window as unknown as { __themeAtBody?: string | null }).__themeAtBody)).toBe("dark");
      expect(await bodyIsDark(page)).toBe(true);
      // the deferred bundle really did not run: the toggle was never wired up (theme-toggle.ts sets data-mode)
      await expect(page.locator("button[data-theme-toggle]")).not.toHaveAttribute("data-mode", /.*/);
    });
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("there is no toggle that could not work, and the system theme applies", async ({ page }) => {
      await page.emulateMedia({ colorScheme: "dark" });
      await page.goto("/technik/");
      await expect(page.locator("button[data-theme-toggle]")).toBeHidden();
      expect(await bodyIsDark(page)).toBe(true);
    });
  });
});

test.describe("feeds", () => {
  /** every RSS file of the built site (home, sections, taxonomies; both languages) */
  function feedPaths(): string[] {
    const dir = process.env.E2E_SITE_DIR as string;
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name === "index.xml") out.push("/" + path.relative(dir, p).split(path.sep).join("/"));
      }
    };
    walk(dir);
    return out.sort();
  }

  test("every RSS feed is well-formed XML with a channel and linked items", async ({ page }) => {
    const feeds = feedPaths();
    for (const must of ["/index.xml", "/en/index.xml", "/news/index.xml", "/en/news/index.xml"]) expect(feeds).toContain(must);
    await page.goto("/");
    for (const feed of feeds) {
      const res = await page.request.get(encodeURI(feed));
      expect(res.status(), feed).toBe(200);
      expect(res.headers()["content-type"], feed).toMatch(/xml/);
      const text = await res.text();
      const parsed = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, "application/xml");
        const error = doc.getElementsByTagName("parsererror")[0];
        return {
          error: error ? error.textContent : null,
          root: doc.documentElement.nodeName,
          title: doc.querySelector("channel > title")?.textContent ?? "",
          items: [...doc.querySelectorAll("channel > item")].map((i) => i.querySelector("link")?.textContent ?? ""),
        };
      }, text);
      expect(parsed.error, feed).toBeNull();
      expect(parsed.root, feed).toBe("rss");
      expect(parsed.title.trim(), feed).not.toBe("");
      for (const link of parsed.items) expect(link, `${feed}: item link`).toMatch(/^http/);
    }
    // the news feeds carry the posts
    const news = await (await page.request.get("/news/index.xml")).text();
    expect(news).toContain("<item>");
  });
});

test.describe("links", () => {
  test("every internal link and #anchor on every page resolves", async ({ page, baseURL }) => {
    test.setTimeout(300_000);
    const origin = new URL(baseURL as string).origin;
    const urls = await sitemapUrls(page, baseURL as string);
    await page.goto("/");
    const docs = new Map<string, { status: number; ids: Set<string> }>();
    const fetchDoc = async (url: string) => {
      let d = docs.get(url);
      if (!d) {
        const res = await page.request.get(url);
        const type = res.headers()["content-type"] ?? "";
        const ids = type.includes("html")
          ? new Set(
              await page.evaluate(
                (html) => [...new DOMParser().parseFromString(html, "text/html").querySelectorAll("[id], a[name]")].map((e) => e.id || e.getAttribute("name") || ""),
                await res.text(),
              ),
            )
          : new Set<string>();
        d = { status: res.status(), ids };
        docs.set(url, d);
      }
      return d;
    };
    const problems: string[] = [];
    let links = 0;
    for (const url of urls) {
      const res = await page.request.get(url);
      const refs = await page.evaluate(
        (html) => {
          const doc = new DOMParser().parseFromString(html, "text/html");
          return [
            ...[...doc.querySelectorAll("a[href], area[href], link[href]")].map((e) => e.getAttribute("href") ?? ""),
            ...[...doc.querySelectorAll("img[src], script[src], source[src]")].map((e) => e.getAttribute("src") ?? ""),
          ];
        },
        await res.text(),
      );
      for (const ref of refs) {
        if (!ref || ref.startsWith("mailto:") || ref.startsWith("xmpp:") || ref.startsWith("data:")) continue;
        const target = new URL(ref, url);
        if (target.origin !== origin) continue;
        links++;
        const hash = decodeURIComponent(target.hash.slice(1));
        target.hash = "";
        const doc = await fetchDoc(target.href);
        if (doc.status !== 200) problems.push(`${url}: ${ref} answers ${doc.status}`);
        else if (hash && !doc.ids.has(hash)) problems.push(`${url}: ${ref} has no element with id "${hash}"`);
      }
    }
    expect(problems).toEqual([]);
    expect(links).toBeGreaterThan(urls.length * 5);
  });
});

test.describe("head", () => {
  // The production policy (deploy/nginx): JSON-LD is a data block, so it must not trip script-src 'self'.
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

  test("pages with JSON-LD, OpenGraph and the theme script run under the site's CSP without a violation", async ({ page }) => {
    const violations: string[] = [];
    await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.route(
      (url) => url.pathname.endsWith("/"),
      async (route) => {
        const res = await route.fetch();
        await route.fulfill({ response: res, headers: { ...res.headers(), "content-security-policy": csp } });
      },
    );
    const pages = [
      { url: "/", ld: true },
      { url: "/en/", ld: true },
      { url: "/technik/", ld: false },
      { url: "/news/2017-11-26-prosody-0-10/", ld: true },
      { url: "/tutorials/gajim/", ld: true },
    ];
    for (const { url, ld } of pages) {
      const res = await page.goto(url);
      expect(res?.headers()["content-security-policy"], url).toBe(csp);
      await expect(page.locator('script[type="application/ld+json"]'), url).toHaveCount(ld ? 1 : 0);
      if (ld) {
        const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "");
        expect(data["@context"]).toBe("https://schema.org");
      }
      // the blocking theme script and the deferred bundle both ran under script-src 'self'
      await expect(page.locator("button[data-theme-toggle]"), url).toBeVisible();
    }
    expect(violations).toEqual([]);
  });

  test("home, news post and nested page describe themselves to search engines and link previews", async ({ page, baseURL }) => {
    const ld = async () => {
      const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
      return (data["@graph"] as Array<Record<string, unknown>>).map((n) => n["@type"]);
    };
    await page.goto("/");
    expect(await ld()).toEqual(expect.arrayContaining(["WebSite", "Organization"]));
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "website");
    await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary");
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", new URL("/icon-512.png", baseURL).href);

    await page.goto("/news/2017-11-26-prosody-0-10/");
    expect(await ld()).toContain("Article");
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
    await expect(page.locator('meta[property="article:published_time"]')).toHaveAttribute("content", /^2017-11-26T/);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", (await page.locator("h1").textContent())?.trim() ?? "");

    await page.goto("/tutorials/gajim/");
    expect(await ld()).toContain("BreadcrumbList");
    await expect(page.locator(".breadcrumbs")).toBeVisible();
  });

  test("favicons, manifest and robots.txt are served", async ({ page, baseURL }) => {
    await page.goto("/en/");
    for (const sel of ['link[rel="icon"][type="image/svg+xml"]', 'link[rel="icon"][sizes="32x32"]', 'link[rel="apple-touch-icon"]', 'link[rel="manifest"]']) {
      const href = await page.locator(sel).getAttribute("href");
      const res = await page.request.get(href as string);
      expect(res.status(), sel).toBe(200);
    }
    const manifest = await (await page.request.get((await page.locator('link[rel="manifest"]').getAttribute("href")) as string)).json();
    expect(manifest.name).toBe("MagicBroccoli XMPP");
    expect(manifest.lang).toBe("en-GB");
    expect(manifest.start_url).toBe("/en/");
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    const robots = await (await page.request.get("/robots.txt")).text();
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toMatch(/^Allow: \/$/m);
    expect(robots).toContain(`Sitemap: ${new URL("/sitemap.xml", baseURL).href}`);
  });

  test("the sitemap names each page's translations", async ({ page }) => {
    const text = await (await page.request.get("/de/sitemap.xml")).text();
    expect(text).toMatch(/<loc>[^<]*\/technik\/<\/loc>[^]*?<xhtml:link rel="alternate" hreflang="en" href="[^"]*\/en\/technik\/"/);
  });

  test.describe("print", () => {
    test("prints the content black on white without navigation, and writes out link targets", async ({ page }) => {
      // even when the screen shows the dark theme
      await page.emulateMedia({ colorScheme: "dark" });
      await page.goto("/technik/");
      await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      await expect(page.locator(".main-nav")).toBeHidden();
      await expect(page.locator(".lang-switch")).toBeHidden();
      await expect(page.locator("button[data-theme-toggle]")).toBeHidden();
      const after = await page
        .locator('.prose a[href^="https://"]')
        .first()
        .evaluate((a) => getComputedStyle(a, "::after").content);
      expect(after).toContain("https://");
      const colours = await page.evaluate(() => ({
        bg: getComputedStyle(document.body).backgroundColor,
        h1: getComputedStyle(document.querySelector("h1") as Element).color,
        code: getComputedStyle(document.querySelector(".chroma span") as Element).color,
      }));
      expect(colours).toEqual({ bg: "rgb(255, 255, 255)", h1: "rgb(0, 0, 0)", code: "rgb(0, 0, 0)" });
    });
  });
});

test.describe("taxonomies", () => {
  test("a tag page lists the posts with that tag, and the tag list leads to it", async ({ page }) => {
    for (const [list, term, lang] of [
      ["/tags/", "/tags/prosody/", "de"],
      ["/en/tags/", "/en/tags/prosody/", "en"],
    ] as const) {
      await page.goto(list);
      await expect(page.locator(`.term-list a[href="${term}"]`), `${list} links to ${term}`).toHaveCount(1);
      await page.goto(term);
      const posts = page.locator("main .post-list > li");
      expect(await posts.count(), `${term} (${lang}) lists its posts`).toBeGreaterThanOrEqual(2);
      // each listed post carries the tag
      for (const href of await posts.locator("h2 a, h3 a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
        await page.goto(href);
        await expect(page.locator(`a[href="${term}"]`).first(), `${href} is tagged ${term}`).toBeAttached();
        await page.goBack();
      }
    }
  });
});
