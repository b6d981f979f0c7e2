// What a page costs a visitor, measured the same way by the budgets spec (e2e/budgets.spec.ts)
// and the benchmark (scripts/bench.ts): the responses the browser received, sorted by kind,
// with their size on the wire and their size gzip-compressed at level 9 (what the build's
// precompression writes next to each file, so the figure does not depend on how a server is
// configured), plus what the HTML makes render-blocking.
import zlib from "node:zlib";
import type { Page } from "@playwright/test";

export const KB = 1024;

/** The budgets of issue 6, in bytes. */
export const BUDGETS = {
  /** HTML + render-blocking CSS, gzip: what fits into the first round trip (TCP initial window). */
  critical: 14 * KB,
  /** the one allowed render-blocking script (colour scheme), gzip */
  themeInit: 1 * KB,
  /** all JavaScript of a page, gzip, not counting the bundles that belong to that page only */
  js: 3 * KB,
} as const;

/** The only script allowed to block rendering: the theme's colour-scheme script, by name. */
export const THEME_INIT = /\/dist\/js\/theme-init(\.[0-9a-f]+)?\.js$/;

/**
 * Bundles that belong to some pages only and are counted there only (not against the 3 KB): a page
 * may load one if its path matches `pages` or its HTML has the `markup` the bundle serves.
 */
export const PAGE_BUNDLES: Array<{ bundle: RegExp; pages?: RegExp; markup?: RegExp }> = [
  // the registration form (register.js, invite.js): /register/, /invite/ and their English versions
  { bundle: /\/dist\/js\/(register|invite)(\.[0-9a-f]+)?\.js$/, pages: /^(\/[a-z]{2})?\/(register|invite)\// },
  // the account page (account.js: SCRAM login, password change, deletion): /account/ and /en/account/
  { bundle: /\/dist\/js\/account(\.[0-9a-f]+)?\.js$/, pages: /^(\/[a-z]{2})?\/account\// },
  // QR codes (qrcode-generator): only on pages that show one (xmpp shortcode, register, invite)
  { bundle: /\/dist\/js\/qr(\.[0-9a-f]+)?\.js$/, markup: /\sclass=["']?xmpp-uri-qr\b|\sdata-qr[\s=>]/ },
  // the live status (status.js): only on pages with the status section (shortcode graphs, [params.status])
  { bundle: /\/dist\/js\/status(\.[0-9a-f]+)?\.js$/, markup: /\sdata-status[\s=>]/ },
];

export type Kind = "html" | "css" | "js" | "image" | "font" | "other";

export interface Resource {
  url: string;
  /** HTTP status; 0 when the request failed or was blocked */
  status: number;
  contentType: string;
  /** the decoded body as the browser got it */
  body: Buffer;
  /** bytes on the wire: encoded body + response headers (as the browser reports them) */
  transferred: number;
}

export interface KindTotals {
  requests: number;
  /** decoded body bytes */
  bytes: number;
  /** bytes on the wire (headers included) */
  transferred: number;
  /** gzip -9 of the decoded bodies */
  gzip: number;
}

export interface HtmlFacts {
  /** stylesheets that block rendering (rel=stylesheet, no media that never/rarely matches) */
  blockingStyles: string[];
  /** classic scripts with src and neither defer, async nor type=module */
  blockingScripts: string[];
  /** <script> elements without src (the CSP forbids them) */
  inlineScripts: number;
  /** style="" attributes and <style> elements (the CSP forbids them) */
  inlineStyles: number;
  /** <img> elements without both width and height, by src */
  imagesWithoutSize: string[];
}

export interface PageReport {
  url: string;
  byKind: Record<Kind, KindTotals>;
  requests: number;
  transferred: number;
  html: HtmlFacts;
  /** gzip of the document */
  htmlGzip: number;
  /** gzip of the render-blocking CSS that was received */
  blockingCssGzip: number;
  /** gzip of each render-blocking script that was received */
  blockingScripts: Array<{ url: string; gzip: number }>;
  /** gzip of the page's JavaScript, without the bundles that belong to this page only */
  jsGzip: number;
  /** gzip of the page-only bundles (e.g. the registration form) */
  pageBundleGzip: number;
  /** page-only bundles loaded on a page they do not belong to */
  misplacedBundles: string[];
  /** requests to another origin */
  foreign: string[];
  /** font files requested */
  fonts: string[];
  /** responses with status >= 400 or failed requests (not counting foreign ones) */
  broken: string[];
}

export function gzipSize(body: Buffer | string): number {
  return zlib.gzipSync(body, { level: 9 }).length;
}

const FONT_EXT = /\.(woff2?|ttf|otf|eot)(\?|#|$)/i;
const IMAGE_EXT = /\.(png|jpe?g|gif|webp|avif|svg|ico)(\?|#|$)/i;

/** Sorts a response by its Content-Type, falling back to the file extension. */
export function resourceKind(contentType: string, url: string): Kind {
  const ct = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const p = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  })();
  if (ct.startsWith("font/") || ct.includes("font-") || FONT_EXT.test(p)) return "font";
  if (ct === "text/html" || ct === "application/xhtml+xml") return "html";
  if (ct === "text/css") return "css";
  if (ct.includes("javascript") || ct === "application/ecmascript") return "js";
  if (ct.startsWith("image/")) return "image";
  if (ct === "" || ct === "application/octet-stream") {
    if (/\.css$/i.test(p)) return "css";
    if (/\.m?js$/i.test(p)) return "js";
    if (IMAGE_EXT.test(p)) return "image";
    if (/\.html?$|\/$/i.test(p)) return "html";
  }
  return "other";
}

/** Attributes of one start tag; handles the unquoted values of minified HTML. */
export function parseAttrs(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const inner = tag.replace(/^<[a-zA-Z0-9-]+/, "").replace(/\/?>$/, "");
  const re = /([^\s"'=<>\/`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of inner.matchAll(re)) {
    const name = (m[1] as string).toLowerCase();
    if (!(name in attrs)) attrs[name] = m[2] ?? m[3] ?? m[4] ?? "";
  }
  return attrs;
}

/** Start tags of one element name (skipping the contents of scripts, styles and comments). */
export function startTags(html: string, name: string): Array<Record<string, string>> {
  const clean = html.replace(/<!--[\s\S]*?-->/g, "").replace(/(<(script|style|textarea)\b[^>]*>)[\s\S]*?(<\/\2\s*>)/gi, "$1$3");
  const re = new RegExp(`<${name}(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>`, "gi");
  return [...clean.matchAll(re)].map((m) => parseAttrs(m[0]));
}

function resolve(href: string, base: string): string {
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

/** Media queries that do not apply when the page first renders on a screen. */
const NON_BLOCKING_MEDIA = /^\s*(print|speech|not\s+all)\s*$/i;

/** What the document itself makes render-blocking, and the house rules that can be read from it. */
export function analyseHtml(html: string, pageUrl: string): HtmlFacts {
  const blockingStyles = startTags(html, "link")
    .filter((a) => (a.rel ?? "").toLowerCase().split(/\s+/).includes("stylesheet") && a.href && !("disabled" in a) && !NON_BLOCKING_MEDIA.test(a.media ?? ""))
    .map((a) => resolve(a.href as string, pageUrl));
  const scripts = startTags(html, "script");
  const blockingScripts = scripts
    .filter((a) => a.src && !("defer" in a) && !("async" in a) && (a.type ?? "").toLowerCase() !== "module")
    .filter((a) => !a.type || /^(text|application)\/(java|ecma)script$/i.test(a.type))
    .map((a) => resolve(a.src as string, pageUrl));
  const inlineScripts = scripts.filter((a) => !a.src && !/json/i.test(a.type ?? "")).length;
  const inlineStyles = startTags(html, "style").length + (html.match(/<[a-zA-Z][^>]*\sstyle\s*=/g) ?? []).length;
  const imagesWithoutSize = startTags(html, "img")
    .filter((a) => !a.width || !a.height)
    .map((a) => a.src ?? "(no src)");
  return { blockingStyles, blockingScripts, inlineScripts, inlineStyles, imagesWithoutSize };
}

const emptyTotals = (): KindTotals => ({ requests: 0, bytes: 0, transferred: 0, gzip: 0 });

/** Folds the responses of one page load into the figures the budgets and the bench use. */
export function pageReport(pageUrl: string, html: string, resources: Resource[]): PageReport {
  const origin = new URL(pageUrl).origin;
  const pagePath = new URL(pageUrl).pathname;
  const facts = analyseHtml(html, pageUrl);
  const byKind = { html: emptyTotals(), css: emptyTotals(), js: emptyTotals(), image: emptyTotals(), font: emptyTotals(), other: emptyTotals() };
  const foreign: string[] = [];
  const fonts: string[] = [];
  const broken: string[] = [];
  const gz = new Map<string, number>();
  let jsGzip = 0;
  let pageBundleGzip = 0;
  const misplacedBundles: string[] = [];
  for (const r of resources) {
    let sameOrigin = true;
    try {
      sameOrigin = new URL(r.url).origin === origin;
    } catch {
      /* data: and the like count as same origin */
    }
    if (!sameOrigin && !/^(data|blob):/.test(r.url)) {
      foreign.push(r.url);
      continue;
    }
    const kind = resourceKind(r.contentType, r.url);
    if (r.status === 0 || r.status >= 400) broken.push(`${r.status} ${r.url}`);
    const size = gzipSize(r.body);
    gz.set(r.url, size);
    const t = byKind[kind];
    t.requests += 1;
    t.bytes += r.body.length;
    t.transferred += r.transferred;
    t.gzip += size;
    if (kind === "font") fonts.push(r.url);
    if (kind === "js") {
      const own = PAGE_BUNDLES.find((b) => b.bundle.test(new URL(r.url).pathname));
      if (!own) jsGzip += size;
      else if (own.pages?.test(pagePath) || own.markup?.test(html)) pageBundleGzip += size;
      else {
        misplacedBundles.push(r.url);
        jsGzip += size;
      }
    }
  }
  const requests = Object.values(byKind).reduce((a, t) => a + t.requests, 0);
  const transferred = Object.values(byKind).reduce((a, t) => a + t.transferred, 0);
  const blockingCssGzip = facts.blockingStyles.reduce((a, u) => a + (gz.get(u) ?? 0), 0);
  const blockingScripts = facts.blockingScripts.map((u) => ({ url: u, gzip: gz.get(u) ?? 0 }));
  return {
    url: pageUrl,
    byKind,
    requests,
    transferred,
    html: facts,
    htmlGzip: gzipSize(html),
    blockingCssGzip,
    blockingScripts,
    jsGzip,
    pageBundleGzip,
    misplacedBundles,
    foreign,
    fonts,
    broken,
  };
}

const kib = (n: number) => `${(n / KB).toFixed(1)} KB`;

/** Every budget a page breaks, as sentences naming the page and the figure; empty when it keeps them all. */
export function budgetViolations(r: PageReport, budgets = BUDGETS): string[] {
  const out: string[] = [];
  const where = new URL(r.url).pathname;
  const critical = r.htmlGzip + r.blockingCssGzip;
  if (critical > budgets.critical) out.push(`${where}: HTML ${kib(r.htmlGzip)} + render-blocking CSS ${kib(r.blockingCssGzip)} = ${kib(critical)} gzip, budget ${kib(budgets.critical)}`);
  for (const s of r.blockingScripts) {
    const p = new URL(s.url).pathname;
    if (!THEME_INIT.test(p)) out.push(`${where}: render-blocking script ${p} (only the theme-init script may block)`);
    else if (s.gzip > budgets.themeInit) out.push(`${where}: ${p} is ${kib(s.gzip)} gzip, budget ${kib(budgets.themeInit)}`);
  }
  if (r.jsGzip > budgets.js) out.push(`${where}: ${kib(r.jsGzip)} of JavaScript gzip, budget ${kib(budgets.js)}`);
  for (const m of r.misplacedBundles) out.push(`${where}: loads ${new URL(m).pathname}, which belongs to other pages`);
  for (const f of r.foreign) out.push(`${where}: request to another origin: ${f}`);
  for (const f of r.fonts) out.push(`${where}: font file requested: ${f}`);
  for (const i of r.html.imagesWithoutSize) out.push(`${where}: <img src="${i}"> without width and height`);
  if (r.html.inlineScripts) out.push(`${where}: ${r.html.inlineScripts} inline <script> (CSP script-src 'self')`);
  if (r.html.inlineStyles) out.push(`${where}: ${r.html.inlineStyles} inline style (CSP style-src 'self')`);
  return out;
}

/**
 * Loads one page in a Playwright page with the HTTP cache disabled and records every response
 * until the load event. The caller's routes (e.g. the e2e origin guard) stay in force.
 */
export async function recordPage(page: Page, url: string): Promise<{ html: string; resources: Resource[] }> {
  // Routing disables the HTTP cache, so every page is measured as a first visit; fallback() hands
  // each request on to the routes already there (the e2e origin guard).
  const passOn = (route: import("@playwright/test").Route) => route.fallback();
  await page.route("**/*", passOn);
  // start from a blank page, so no late request of the previous page is counted here
  await page.goto("about:blank");
  const pending: Array<Promise<Resource>> = [];
  const seen: string[] = [];
  const onFinished = (req: import("@playwright/test").Request) => {
    seen.push(req.url());
    pending.push(
      (async () => {
        const res = await req.response();
        const sizes = await req.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
        const body = res ? await res.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
        return {
          url: req.url(),
          status: res?.status() ?? 0,
          contentType: (res ? await res.headerValue("content-type") : null) ?? "",
          body,
          transferred: Math.max(0, sizes.responseBodySize) + Math.max(0, sizes.responseHeadersSize),
        };
      })(),
    );
  };
  const onFailed = (req: import("@playwright/test").Request) => {
    seen.push(req.url());
    pending.push(Promise.resolve({ url: req.url(), status: 0, contentType: "", body: Buffer.alloc(0), transferred: 0 }));
  };
  page.on("requestfinished", onFinished);
  page.on("requestfailed", onFailed);
  try {
    const res = await page.goto(url, { waitUntil: "load" });
    if (!res) throw new Error(`${url}: no response`);
    // Everything the page loads before its load event is in the Resource Timing list; wait until each
    // of those (and the document) has been reported here too. Lazy images out of view are not loaded.
    // The tab icon (<link rel=icon>, /favicon.ico) is fetched by the browser at its own time, sometimes
    // after the load event and not always visible to Playwright: it is left out, so counts are stable.
    const icons = await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>("link[rel~=icon]")].map((l) => l.href));
    const isIcon = (u: string) => icons.includes(u) || /\/favicon\.ico$/.test(u);
    const expected = 1 + (await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name))).filter((u) => !isIcon(u)).length;
    for (let i = 0; i < 200 && seen.filter((u) => !isIcon(u)).length < expected; i++) await new Promise((r) => setTimeout(r, 10));
    const html = (await res.body()).toString("utf8");
    const resources = (await Promise.all(pending)).filter((r) => !isIcon(r.url));
    return { html, resources };
  } finally {
    page.off("requestfinished", onFinished);
    page.off("requestfailed", onFailed);
    await page.unroute("**/*", passOn);
  }
}

/** recordPage + pageReport. */
export async function measurePage(page: Page, url: string): Promise<PageReport> {
  const { html, resources } = await recordPage(page, url);
  return pageReport(url, html, resources);
}
