// The key pages that Lighthouse and the bench measure, in both languages: home, technik, clients,
// register and one news post, found in the built site's sitemap (so a renamed page is noticed).
import { sitemapPageUrls } from "../harness/sitemap.ts";

export interface KeyPage {
  /** "home", "technik", ... */
  name: string;
  lang: string;
  /** absolute URL, or undefined when the site has no such page */
  url: string | undefined;
}

export const KEY_PAGE_NAMES = ["home", "technik", "clients", "register", "news"] as const;

/** A news post: /news/<slug>/ (or /<lang>/news/<slug>/), not the list and not its pagination. */
export function isNewsPost(pathname: string): boolean {
  return /^(\/[a-z]{2})?\/news\/(?!page\/)[^/]+\/$/.test(pathname);
}

/** The language of a path on this site: /en/... is English, everything else the default language. */
export function langOf(pathname: string, langs: string[], defaultLang: string): string {
  const m = /^\/([a-z]{2})\//.exec(pathname);
  return m && langs.includes(m[1] as string) && m[1] !== defaultLang ? (m[1] as string) : defaultLang;
}

/**
 * Picks the key pages from the sitemap URLs. The news post is the newest (sorted by path, which starts
 * with the date) that has a translation, taken from `translations` (URL -> URLs of its translations);
 * without one, the newest post of each language.
 */
export function pickKeyPages(urls: string[], baseURL: string, langs: string[], defaultLang: string, translations: Map<string, string[]> = new Map()): KeyPage[] {
  const prefix = (lang: string) => (lang === defaultLang ? "/" : `/${lang}/`);
  const has = new Set(urls);
  const out: KeyPage[] = [];
  for (const name of KEY_PAGE_NAMES) {
    if (name === "news") continue;
    for (const lang of langs) {
      const url = new URL(name === "home" ? prefix(lang) : `${prefix(lang)}${name}/`, baseURL).href;
      out.push({ name, lang, url: has.has(url) ? url : undefined });
    }
  }
  const posts = (lang: string) =>
    urls
      .filter((u) => isNewsPost(new URL(u).pathname) && langOf(new URL(u).pathname, langs, defaultLang) === lang)
      .sort()
      .reverse();
  const defaultPosts = posts(defaultLang);
  const paired = defaultPosts.find((u) => langs.every((l) => l === defaultLang || (translations.get(u) ?? []).some((t) => langOf(new URL(t).pathname, langs, defaultLang) === l && has.has(t))));
  for (const lang of langs) {
    let url: string | undefined;
    if (paired) url = lang === defaultLang ? paired : (translations.get(paired) ?? []).find((t) => langOf(new URL(t).pathname, langs, defaultLang) === lang);
    else url = posts(lang)[0];
    out.push({ name: "news", lang, url });
  }
  return out;
}

/** URLs of <link rel=alternate hreflang=xx> in a page (its translations), without x-default. */
export function hreflangLinks(html: string, pageUrl: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const lang = /\shreflang=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    const href = /\shref=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (!lang || !href || lang === "x-default" || !/\srel=["']?alternate/i.test(tag)) continue;
    const abs = new URL(href, pageUrl).href;
    if (abs !== pageUrl) out.push(abs);
  }
  return out;
}

/** Reads the sitemap(s) of a served site and picks its key pages. */
export async function findKeyPages(baseURL: string, langs: string[], defaultLang: string): Promise<KeyPage[]> {
  const text = async (u: string) => {
    const r = await fetch(u);
    if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
    return r.text();
  };
  const urls = await sitemapPageUrls(baseURL, text);
  const translations = new Map<string, string[]>();
  const newest = urls
    .filter((u) => isNewsPost(new URL(u).pathname) && langOf(new URL(u).pathname, langs, defaultLang) === defaultLang)
    .sort()
    .reverse()
    .slice(0, 20);
  for (const u of newest) translations.set(u, hreflangLinks(await text(u), u));
  return pickKeyPages(urls, baseURL, langs, defaultLang, translations);
}
