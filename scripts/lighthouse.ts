// npm run test:lighthouse: builds the site like the e2e harness (real pipeline, baseURL 127.0.0.1:<port>,
// served by nginx with the project's config), then runs Lighthouse (mobile, simulated throttling) against
// Debian's chromium for home, technik, clients, register and a news post in both languages, one Chrome,
// one page after the other. Fails (exit 1) unless accessibility, best practices and SEO are 100 and
// performance is at least 95, naming the page, the category and the audits that cost points.
// Options: see COMMAND (npm run test:lighthouse -- --help), e.g. --url BASE to audit an already served site.
// Lighthouse and chrome-launcher are loaded when an audit runs (the bench imports this module for less).
import { pathToFileURL } from "node:url";
import { buildAndServe } from "./harness/serve-site.ts";
import { resolveConfig, type ResolvedConfig } from "./config/config.ts";
import { root } from "./config/paths.ts";
import { parseCommand } from "./config/cli.ts";
import { printProblems } from "./config/problem.ts";
import { findKeyPages, type KeyPage } from "./perf/key-pages.ts";
import { CATEGORIES, failures, summarise, type Lhr, type LhSummary } from "./perf/lighthouse-scores.ts";
import path from "node:path";
import { promises as fs } from "node:fs";

export const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
export const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];

export interface LhPageResult extends KeyPage {
  summary?: LhSummary;
  failures: string[];
}

/** Audits each page with one Chrome, sequentially (the scores of parallel runs disturb each other). */
export async function runLighthouse(pages: KeyPage[], log: (m: string) => void = () => {}): Promise<LhPageResult[]> {
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([import("lighthouse"), import("chrome-launcher")]);
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  const results: LhPageResult[] = [];
  try {
    for (const p of pages) {
      if (!p.url) {
        results.push({ ...p, failures: [`no ${p.name} page in ${p.lang} in the sitemap`] });
        continue;
      }
      log(`lighthouse: ${p.url}`);
      const run = await lighthouse(p.url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
      if (!run) {
        results.push({ ...p, failures: ["Lighthouse returned no result"] });
        continue;
      }
      const summary = summarise(run.lhr as unknown as Lhr);
      results.push({ ...p, summary, failures: failures(summary) });
    }
  } finally {
    await chrome.kill();
  }
  return results;
}

export function formatTable(results: LhPageResult[]): string {
  const head = ["page", "lang", "perf", "a11y", "best", "seo", "FCP ms", "LCP ms", "path"];
  const rows = results.map((r) => {
    const s = r.summary;
    return [r.name, r.lang, ...CATEGORIES.map((c) => String(s?.scores[c] ?? "-")), String(s?.fcp ?? "-"), String(s?.lcp ?? "-"), r.url ? new URL(r.url).pathname : "(missing)"];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 7 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The languages of the site (the resolved config; without one, hugo.toml's), default first. */
export async function siteLanguages(config?: ResolvedConfig): Promise<{ langs: string[]; defaultLang: string }> {
  const cfg = config ?? (await resolveConfig());
  const langs = cfg.languages.map((l) => l.code);
  return { langs: langs.length ? langs : [cfg.defaultContentLanguage], defaultLang: cfg.defaultContentLanguage };
}

/** Builds and serves the site (unless baseURL is given), finds the key pages and audits them. */
export async function lighthouseKeyPages(opts: { baseURL?: string; siteDir?: string; log?: (m: string) => void } = {}): Promise<LhPageResult[]> {
  const log = opts.log ?? (() => {});
  const dir = opts.siteDir ?? path.join(root, ".tmp/lighthouse/site");
  if (!opts.baseURL) await fs.mkdir(path.dirname(dir), { recursive: true });
  const site = opts.baseURL ? undefined : await buildAndServe(dir);
  try {
    const base = opts.baseURL ?? (site?.baseURL as string);
    const { langs, defaultLang } = await siteLanguages(site?.config);
    const pages = await findKeyPages(base, langs, defaultLang);
    return await runLighthouse(pages, log);
  } finally {
    await site?.stop();
  }
}

const COMMAND = {
  usage: "npm run test:lighthouse --",
  name: "test:lighthouse",
  summary:
    "Builds and serves the site like the e2e harness, then audits the key pages in both languages with Lighthouse (mobile).\n" +
    "Fails unless accessibility, best practices and SEO are 100 and performance is at least 95.",
  options: {
    url: { type: "string", value: "BASE", help: "audit the site already served at BASE instead of building one" },
  },
} as const;

async function main(): Promise<void> {
  const baseURL = parseCommand(COMMAND).values.url;
  const results = await lighthouseKeyPages({ ...(baseURL ? { baseURL } : {}), log: (m) => console.log(m) });
  console.log(`\n${formatTable(results)}\n`);
  const failed = results.filter((r) => r.failures.length);
  for (const r of failed) for (const f of r.failures) console.error(`FAIL ${r.name} (${r.lang}) ${r.url ? new URL(r.url).pathname : ""}: ${f}`);
  if (failed.length) {
    console.error(`test:lighthouse: ${failed.length} of ${results.length} pages below target (a11y, best practices, SEO 100; performance >= 95)`);
    process.exit(1);
  }
  console.log(`test:lighthouse: all ${results.length} pages at target`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    printProblems(e, "test:lighthouse: failed before every page was audited.");
    process.exit(1);
  });
}
