// Reading a built site's sitemap: Hugo writes a sitemap index at /sitemap.xml for a multilingual
// site (one sitemap per language) and a plain urlset otherwise.
import { readFileSync } from "node:fs";
import path from "node:path";

/** The <loc> values of a sitemap or sitemap index, in document order. */
export function sitemapLocs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => (m[1] as string).trim());
}

/** Every page URL listed by the site's sitemap(s), each once, in sitemap order. */
export async function sitemapPageUrls(baseURL: string, fetchText: (url: string) => Promise<string>): Promise<string[]> {
  const index = await fetchText(new URL("sitemap.xml", baseURL).href);
  if (!index.includes("<sitemapindex")) return [...new Set(sitemapLocs(index))];
  const urls: string[] = [];
  for (const sm of sitemapLocs(index)) urls.push(...sitemapLocs(await fetchText(sm)));
  return [...new Set(urls)];
}

/** The paths of every page a built site's sitemap(s) list, read from its folder on disk, sorted, each once. */
export function sitemapPathsInDir(dir: string): string[] {
  const locs = (file: string) => sitemapLocs(readFileSync(file, "utf8")).map((u) => new URL(u).pathname);
  const index = path.join(dir, "sitemap.xml");
  const text = readFileSync(index, "utf8");
  const paths = text.includes("<sitemapindex") ? locs(index).flatMap((sm) => locs(path.join(dir, decodeURI(sm)))) : locs(index);
  return [...new Set(paths)].sort();
}
