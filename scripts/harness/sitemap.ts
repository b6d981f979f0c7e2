// Reading a built site's sitemap: Hugo writes a sitemap index at /sitemap.xml for a multilingual
// site (one sitemap per language) and a plain urlset otherwise.

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
