import { test } from "node:test";
import assert from "node:assert/strict";
import { sitemapLocs, sitemapPageUrls } from "./sitemap.ts";

const urlset = (...u: string[]) => `<urlset>${u.map((x) => `<url><loc> ${x} </loc></url>`).join("")}</urlset>`;

test("reads <loc> values in order, trimmed", () => {
  assert.deepEqual(sitemapLocs(urlset("https://a/x/", "https://a/y/")), ["https://a/x/", "https://a/y/"]);
});

test("follows a sitemap index to every language's sitemap, each URL once", async () => {
  const files: Record<string, string> = {
    "https://a/sitemap.xml": `<sitemapindex><sitemap><loc>https://a/de/sitemap.xml</loc></sitemap><sitemap><loc>https://a/en/sitemap.xml</loc></sitemap></sitemapindex>`,
    "https://a/de/sitemap.xml": urlset("https://a/", "https://a/technik/"),
    "https://a/en/sitemap.xml": urlset("https://a/en/", "https://a/technik/"),
  };
  const fetched: string[] = [];
  const urls = await sitemapPageUrls("https://a/", async (u) => {
    fetched.push(u);
    const t = files[u];
    if (t === undefined) throw new Error(`no ${u}`);
    return t;
  });
  assert.deepEqual(urls, ["https://a/", "https://a/technik/", "https://a/en/"]);
  assert.deepEqual(fetched, ["https://a/sitemap.xml", "https://a/de/sitemap.xml", "https://a/en/sitemap.xml"]);
});

test("a plain urlset is the list itself", async () => {
  assert.deepEqual(await sitemapPageUrls("https://a/", async () => urlset("https://a/", "https://a/")), ["https://a/"]);
});
