import { test } from "node:test";
import assert from "node:assert/strict";
import { hreflangLinks, isNewsPost, langOf, pickKeyPages } from "./key-pages.ts";

const base = "http://127.0.0.1:9000/";
const u = (p: string) => new URL(p, base).href;

test("news posts are /news/<slug>/ in any language, not the list or its pages", () => {
  assert.ok(isNewsPost("/news/2017-06-27-willkommen/"));
  assert.ok(isNewsPost("/en/news/2017-06-27-welcome/"));
  assert.ok(!isNewsPost("/news/"));
  assert.ok(!isNewsPost("/news/page/2/"));
  assert.ok(!isNewsPost("/news/a/b/"));
});

test("the language of a path comes from its first segment", () => {
  assert.equal(langOf("/en/technik/", ["de", "en"], "de"), "en");
  assert.equal(langOf("/technik/", ["de", "en"], "de"), "de");
  assert.equal(langOf("/eu/x/", ["de", "en"], "de"), "de");
});

test("key pages are found in both languages; a missing page is reported as undefined", () => {
  const urls = ["/", "/en/", "/technik/", "/en/technik/", "/clients/", "/register/", "/en/register/", "/news/", "/news/2017-01-01-a/", "/news/2026-01-01-b/", "/en/news/2017-01-01-a/"].map(u);
  const translations = new Map([
    [u("/news/2026-01-01-b/"), []],
    [u("/news/2017-01-01-a/"), [u("/en/news/2017-01-01-a/")]],
  ]);
  const pages = pickKeyPages(urls, base, ["de", "en"], "de", translations);
  const get = (name: string, lang: string) => pages.find((p) => p.name === name && p.lang === lang)?.url;
  assert.equal(pages.length, 10);
  assert.equal(get("home", "de"), u("/"));
  assert.equal(get("home", "en"), u("/en/"));
  assert.equal(get("technik", "en"), u("/en/technik/"));
  assert.equal(get("clients", "de"), u("/clients/"));
  assert.equal(get("clients", "en"), undefined);
  // the newest post that exists in both languages, so the two runs compare the same text
  assert.equal(get("news", "de"), u("/news/2017-01-01-a/"));
  assert.equal(get("news", "en"), u("/en/news/2017-01-01-a/"));
});

test("without a translated post, the newest post of each language is taken", () => {
  const urls = ["/news/2017-01-01-a/", "/news/2026-01-01-b/", "/en/news/2020-01-01-c/"].map(u);
  const pages = pickKeyPages(urls, base, ["de", "en"], "de");
  assert.equal(pages.find((p) => p.name === "news" && p.lang === "de")?.url, u("/news/2026-01-01-b/"));
  assert.equal(pages.find((p) => p.name === "news" && p.lang === "en")?.url, u("/en/news/2020-01-01-c/"));
});

test("hreflang links of minified HTML are read, without x-default and the page itself", () => {
  const html = `<head><link rel=canonical href=${u("/news/a/")}><link rel=alternate hreflang=de href=${u("/news/a/")}><link rel=alternate hreflang=en href=${u("/en/news/a/")}><link rel="alternate" hreflang="x-default" href="${u("/news/a/")}"></head>`;
  assert.deepEqual(hreflangLinks(html, u("/news/a/")), [u("/en/news/a/")]);
});
