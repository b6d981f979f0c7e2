// The response headers nginx sends with the project's configuration (scripts/deploy/nginx.ts), as a browser
// receives them: the seed's security headers on every kind of response, the CSP with the websocket
// endpoint, caching by kind of file, precompressed bodies, CORS only on the well-known files, dotfiles
// hidden and the manifest typed under every language's path.
import { promises as fs } from "node:fs";
import path from "node:path";
import { test, expect } from "./support/fixtures.ts";
import { resolveConfig } from "../scripts/config/config.ts";
import { e2eSite } from "./support/global-setup.ts";
import http from "node:http";
import zlib from "node:zlib";

/** A GET with exactly this Accept-Encoding (or none), the body as the raw bytes on the wire. */
function rawGet(url: string, acceptEncoding?: string): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

// The seed's headers as deploy/README.md describes them: X-XSS-Protection is gone (deprecated; the
// CSP does its job), Referrer-Policy no longer sends full URLs (invitation tokens) to other sites, and
// a Permissions-Policy switches off every powerful feature the site never uses (clipboard-write stays:
// the copy buttons need it). "" = the header must be absent.
const PERMISSIONS =
  "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), " +
  "magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()";
const seedHeaders = (robots: string): Record<string, string> => ({
  "strict-transport-security": "max-age=31536000; includeSubDomains; preload",
  "x-content-type-options": "nosniff",
  "x-xss-protection": "",
  "x-robots-tag": robots,
  "x-download-options": "noopen",
  "x-permitted-cross-domain-policies": "none",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": PERMISSIONS,
});

test("pages, assets, 404s and well-known files carry the seed's headers and the CSP", async ({ page, baseURL }) => {
  const cfg = await resolveConfig(e2eSite().configFiles, { baseURL: baseURL as string });
  const res = await page.goto("/technik/");
  expect(res?.status()).toBe(200);
  const css = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
  const js = await page.locator("script[src]").first().getAttribute("src");
  const csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " + `connect-src 'self' ${cfg.params.xmpp.websocket}; frame-ancestors 'self'; base-uri 'self'; form-action 'self'`;
  const manifest = await page.locator('link[rel="manifest"]').getAttribute("href");
  for (const p of ["/", "/technik/", "/en/technik/", "/no-such-page/", "/en/no-such-page/", css, js, manifest, "/.well-known/host-meta", "/.well-known/xmpp-provider-v2.json", "/sitemap.xml"]) {
    expect(p, "the page links a stylesheet and a script").toBeTruthy();
    const r = await page.request.get(p as string);
    const h = r.headers();
    for (const [k, v] of Object.entries(seedHeaders(cfg.params.deploy.robotsTag))) {
      // an empty value in config (params.deploy.robotsTag = "") means the header is not sent at all
      if (v === "") expect(h[k], `${p}: no ${k}`).toBeUndefined();
      else expect(h[k], `${p}: ${k}`).toBe(v);
    }
    expect(h["content-security-policy"], `${p}: CSP`).toBe(csp);
    expect(h["server"], `${p}: no version in Server`).toBe("nginx");
  }
});

test("the Permissions-Policy leaves the copy buttons' clipboard alone, and Chromium knows every feature it names", async ({ page, context, baseURL }) => {
  const warnings: string[] = [];
  page.on("console", (m) => {
    if (/Permissions-Policy/i.test(m.text())) warnings.push(m.text());
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL as string).origin });
  await page.goto("/technik/");
  const button = page.locator(".copy-button").first();
  await button.click();
  await expect(button).toHaveAttribute("data-state", "copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).not.toBe("");
  expect(await page.evaluate(() => (document as unknown as { featurePolicy?: { allowsFeature(f: string): boolean } }).featurePolicy?.allowsFeature("camera"))).toBe(false);
  expect(warnings, "Chromium's complaints about the header").toEqual([]);
});

test("HTML revalidates, fingerprinted assets are immutable for a year", async ({ page }) => {
  await page.goto("/");
  const html = await page.request.get("/");
  expect(html.headers()["cache-control"]).toBe("no-cache");
  expect(html.headers()["etag"] ?? html.headers()["last-modified"]).toBeTruthy();
  const assets = [await page.locator('link[rel="stylesheet"]').first().getAttribute("href"), await page.locator("script[src]").first().getAttribute("src")];
  for (const a of assets) {
    expect(a).toMatch(/\.[0-9a-f]{32,}\.(css|js)$/);
    expect((await page.request.get(a as string)).headers()["cache-control"], a as string).toBe("public, max-age=31536000, immutable");
  }
});

test("HTML, CSS and JS arrive precompressed (gzip_static); the charset is declared", async ({ page }) => {
  await page.goto("/");
  const targets = ["/", "/en/", await page.locator('link[rel="stylesheet"]').first().getAttribute("href"), await page.locator("script[src]").first().getAttribute("src")];
  for (const t of targets) {
    const r = await page.request.get(t as string, { headers: { "accept-encoding": "gzip" } });
    expect(r.headers()["content-encoding"], `${t}`).toBe("gzip");
    expect(r.headers()["vary"], `${t}`).toMatch(/Accept-Encoding/);
    expect(r.headers()["content-type"], `${t}`).toMatch(/charset=utf-8/);
  }
});

test("brotli for a br client, gzip for a gzip-only client, identity for none: the same bytes decoded (brotli_static)", async ({ page, baseURL }) => {
  await page.goto("/");
  const targets = ["/", "/en/technik/", await page.locator('link[rel="stylesheet"]').first().getAttribute("href"), await page.locator("script[src]").first().getAttribute("src")];
  for (const t of targets) {
    const url = new URL(t as string, baseURL as string).href;
    const plain = await rawGet(url);
    expect(plain.headers["content-encoding"], `${t}: no encoding without Accept-Encoding`).toBeUndefined();
    const br = await rawGet(url, "gzip, deflate, br");
    expect(br.headers["content-encoding"], `${t}`).toBe("br");
    expect(br.headers["vary"], `${t}`).toMatch(/Accept-Encoding/);
    const gz = await rawGet(url, "gzip");
    expect(gz.headers["content-encoding"], `${t}`).toBe("gzip");
    expect(br.body.length, `${t}: the br twin is smaller than the gzip twin`).toBeLessThan(gz.body.length);
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body), `${t}: br decodes to the page`).toBe(true);
    expect(zlib.gunzipSync(gz.body).equals(plain.body), `${t}: gzip decodes to the page`).toBe(true);
  }
});

test("the web app manifests are served as application/manifest+json", async ({ page }) => {
  for (const home of ["/", "/en/"]) {
    await page.goto(home);
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    const r = await page.request.get(href as string);
    expect(r.status(), `${href}`).toBe(200);
    expect(r.headers()["content-type"], `${href}`).toBe("application/manifest+json");
    expect((await r.json()) as { lang?: string }, `${href}`).toHaveProperty("lang");
  }
});

test("CORS only on the well-known files", async ({ page }) => {
  for (const p of ["/", "/technik/", "/sitemap.xml", "/robots.txt"]) {
    expect((await page.request.get(p)).headers()["access-control-allow-origin"], p).toBeUndefined();
  }
  for (const f of ["host-meta", "host-meta.json", "xmpp-provider-v2.json", "security.txt"]) {
    expect((await page.request.get(`/.well-known/${f}`)).headers()["access-control-allow-origin"], f).toBe("*");
  }
});

test.describe("not found", () => {
  test.use({ allowConsoleErrors: [/status of 404/] });
  test("each language gets its own 404 page, with status 404", async ({ page }) => {
    const de = await page.goto("/gibt-es-nicht/");
    expect(de?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    const en = await page.goto("/en/does-not-exist/");
    expect(en?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

test("the XMPP endpoints are proxied, not served from the web root", async ({ page }) => {
  // No Prosody in this run unless the registration tests start one: nginx then answers 502 (bad gateway)
  // (Prosody itself answers a plain GET on both with 200) — either way the request went upstream, not to a file.
  for (const p of ["/xmpp-websocket", "/http-bind"]) {
    const r = await page.request.get(p);
    expect([200, 502], `${p}: ${r.status()}`).toContain(r.status());
    expect(await r.text(), p).not.toMatch(/Seite nicht gefunden/);
  }
});

test.describe("dotfiles and manifests under every language's path", () => {
  test.use({ allowConsoleErrors: [/status of 404/] });
  // Files the build never writes, put into the served folder for this test (and removed after): a
  // stray VCS folder and a web app manifest, under / and under each other language's prefix.
  const probes: string[] = [];
  test.afterAll(async () => {
    for (const f of probes) await fs.rm(f, { recursive: true, force: true });
  });

  test("/<lang>/.git/config is 404 like /.git/config; /<lang>/*.webmanifest is application/manifest+json", async ({ page, baseURL }) => {
    const { siteDir, configFiles } = e2eSite();
    const cfg = await resolveConfig(configFiles, { baseURL: baseURL as string });
    const prefixes = cfg.languages.map((l) => (l.code === cfg.defaultContentLanguage && !cfg.defaultContentLanguageInSubdir ? "" : `/${l.code}`));
    expect(prefixes, "one default language at /, the others under /<code>/").toContain("");
    expect(prefixes.length).toBeGreaterThan(1);
    const name = `e2e-probe-${process.pid}`;
    for (const prefix of prefixes) {
      const dir = path.join(siteDir, prefix);
      await fs.mkdir(path.join(dir, ".git"), { recursive: true });
      await fs.writeFile(path.join(dir, ".git", "config"), "[core]\n");
      await fs.writeFile(path.join(dir, `.${name}`), "secret\n");
      await fs.writeFile(path.join(dir, `${name}.webmanifest`), '{"lang":"x"}');
      probes.push(path.join(dir, ".git"), path.join(dir, `.${name}`), path.join(dir, `${name}.webmanifest`));
    }
    for (const prefix of prefixes) {
      for (const hidden of [`${prefix}/.git/config`, `${prefix}/.${name}`]) {
        const r = await page.request.get(hidden);
        expect(r.status(), hidden).toBe(404);
        expect(await r.text(), hidden).not.toContain("secret");
        expect(r.headers()["content-security-policy"], `${hidden}: the 404 keeps the headers`).toBeTruthy();
      }
      // the 404 page of the path's own language
      const lang = prefix ? prefix.slice(1) : cfg.defaultContentLanguage;
      await page.goto(`${prefix}/.git/config`);
      await expect(page.locator("html")).toHaveAttribute("lang", new RegExp(`^${lang}`));
      const m = await page.request.get(`${prefix}/${name}.webmanifest`);
      expect(m.status(), prefix).toBe(200);
      expect(m.headers()["content-type"], `${prefix}/${name}.webmanifest`).toBe("application/manifest+json");
    }
  });
});
