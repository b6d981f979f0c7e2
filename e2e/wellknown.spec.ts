// What XMPP clients and directories receive: XEP-0156 host-meta (XML) and host-meta.json agree with
// hugo.toml, the provider file has every field with the right type and links to pages that exist,
// security.txt is valid RFC 9116.
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures.ts";
import { resolveConfig } from "../scripts/config/config.ts";
import { e2eSite } from "./support/global-setup.ts";

const config = (baseURL: string) => resolveConfig(e2eSite().configFiles, { baseURL });

/** Parses XML with the browser's DOMParser (strict XML: any well-formedness error is reported). */
async function xrdLinks(page: Page, xml: string): Promise<{ root: string; ns: string | null; links: [string, string][] }> {
  await page.goto("/");
  return page.evaluate((src) => {
    const doc = new DOMParser().parseFromString(src, "application/xml");
    const err = doc.getElementsByTagName("parsererror")[0];
    if (err) throw new Error(`host-meta is not well-formed XML: ${err.textContent}`);
    const links = [...doc.documentElement.children].filter((e) => e.localName === "Link").map((l) => [l.getAttribute("rel") ?? "", l.getAttribute("href") ?? ""] as [string, string]);
    return { root: doc.documentElement.localName, ns: doc.documentElement.namespaceURI, links };
  }, xml);
}

test("host-meta is XRD with the websocket and BOSH endpoints from config", async ({ page, request, baseURL }) => {
  const cfg = await config(baseURL as string);
  const r = await request.get("/.well-known/host-meta");
  expect(r.status()).toBe(200);
  expect(r.headers()["content-type"]).toMatch(/^application\/xrd\+xml/);
  const xrd = await xrdLinks(page, await r.text());
  expect(xrd.root).toBe("XRD");
  expect(xrd.ns).toBe("http://docs.oasis-open.org/ns/xri/xrd-1.0");
  expect(Object.fromEntries(xrd.links)).toEqual({
    "urn:xmpp:alt-connections:websocket": cfg.params.xmpp.websocket,
    "urn:xmpp:alt-connections:xbosh": cfg.params.xmpp.bosh,
  });
});

test("host-meta.json is JRD and agrees with host-meta", async ({ page, request }) => {
  const r = await request.get("/.well-known/host-meta.json");
  expect(r.headers()["content-type"]).toMatch(/^application\/json/);
  const jrd = (await r.json()) as { links: { rel: string; href: string }[] };
  const xrd = await xrdLinks(page, await (await request.get("/.well-known/host-meta")).text());
  expect(jrd.links.map((l) => [l.rel, l.href]).sort()).toEqual(xrd.links.sort());
  expect(jrd.links).toHaveLength(2);
});

test("the websocket endpoint in host-meta is one the CSP lets a page connect to", async ({ page, request }) => {
  const jrd = (await (await request.get("/.well-known/host-meta.json")).json()) as { links: { rel: string; href: string }[] };
  const ws = jrd.links.find((l) => l.rel === "urn:xmpp:alt-connections:websocket")?.href;
  const res = await page.goto("/");
  expect(res?.headers()["content-security-policy"]).toContain(`connect-src 'self' ${ws};`);
});

test("the provider file has every field with the right type", async ({ request, baseURL }) => {
  const cfg = await config(baseURL as string);
  const r = await request.get("/.well-known/xmpp-provider-v2.json");
  expect(r.headers()["content-type"]).toMatch(/^application\/json/);
  expect(r.headers()["access-control-allow-origin"]).toBe("*");
  const p = (await r.json()) as Record<string, unknown>;
  const int = (k: string) => expect(Number.isInteger(p[k]), `${k} is an integer`).toBe(true);
  const bool = (k: string) => expect(typeof p[k], k).toBe("boolean");
  const langUrls = (k: string) => {
    const m = p[k] as Record<string, string>;
    expect(typeof m === "object" && m !== null && !Array.isArray(m), `${k} is a language map`).toBe(true);
    for (const [lang, url] of Object.entries(m)) {
      expect(lang, k).toMatch(/^[a-z]{2}$/);
      expect(() => new URL(url), `${k}.${lang}`).not.toThrow();
    }
    return m;
  };
  expect(Object.keys(p).sort()).toEqual(
    [
      "website",
      "alternativeJids",
      "busFactor",
      "organization",
      "passwordReset",
      "serverTesting",
      "maximumHttpFileUploadTotalSize",
      "maximumHttpFileUploadStorageTime",
      "maximumMessageArchiveManagementStorageTime",
      "professionalHosting",
      "freeOfCharge",
      "legalNotice",
      "serverLocations",
      "since",
    ].sort(),
  );
  const website = langUrls("website");
  expect(website).toEqual({ de: baseURL, en: new URL("en/", baseURL).href });
  expect(Array.isArray(p.alternativeJids) && (p.alternativeJids as unknown[]).every((j) => typeof j === "string")).toBe(true);
  int("busFactor");
  expect(["company", "commercial person", "governmental", "non-governmental", "private person"]).toContain(p.organization);
  for (const k of ["serverTesting", "professionalHosting", "freeOfCharge"]) bool(k);
  for (const k of ["maximumHttpFileUploadTotalSize", "maximumHttpFileUploadStorageTime", "maximumMessageArchiveManagementStorageTime"]) int(k);
  expect(p.serverLocations).toEqual(cfg.params.provider.serverLocations);
  expect(p.since).toBe(cfg.params.since);
  expect(p.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  // the pages the file points people to exist on this site
  for (const url of [...Object.values(website), ...Object.values(langUrls("legalNotice")), ...Object.values(langUrls("passwordReset"))]) {
    expect(new URL(url).origin, url).toBe(new URL(baseURL as string).origin);
    expect((await request.get(url)).status(), url).toBe(200);
  }
});

test("security.txt is RFC 9116: Contact, a future Expires, Canonical", async ({ request, baseURL }) => {
  const r = await request.get("/.well-known/security.txt");
  expect(r.headers()["content-type"]).toMatch(/^text\/plain; charset=utf-8/);
  const fields = (await r.text())
    .trim()
    .split("\n")
    .map((l) => l.split(/: (.*)/s) as [string, string]);
  expect(fields.filter(([k]) => k === "Contact").length).toBeGreaterThan(0);
  const expires = fields.filter(([k]) => k === "Expires");
  expect(expires).toHaveLength(1);
  expect(Date.parse(expires[0]![1])).toBeGreaterThan(Date.now());
  expect(fields.find(([k]) => k === "Canonical")?.[1]).toBe(new URL(".well-known/security.txt", baseURL).href);
});
