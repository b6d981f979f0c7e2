// The machine-readable files under /.well-known/, derived from hugo.toml [params] (never typed twice):
//   host-meta        XEP-0156 XRD (application/xrd+xml)
//   host-meta.json   XEP-0156 JRD (application/json)
//   xmpp-provider-v2.json  XMPP Providers provider file
//   security.txt     RFC 9116
// Registered as a post step in pipeline.ts: runs on the rendered folder before it goes live.
import { promises as fs } from "node:fs";
import path from "node:path";
import { absoluteURL, type ResolvedConfig } from "../config/config.ts";
import { Problem } from "../config/problem.ts";
import type { Step } from "./pipeline.ts";
import { REL_WEBSOCKET, REL_BOSH } from "../../themes/broccoli/assets/ts/xmpp/names.ts";

const xmlAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function hostMetaXml(cfg: ResolvedConfig): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">`,
    `  <Link rel="${REL_BOSH}" href="${xmlAttr(cfg.params.xmpp.bosh)}"/>`,
    `  <Link rel="${REL_WEBSOCKET}" href="${xmlAttr(cfg.params.xmpp.websocket)}"/>`,
    `</XRD>`,
    ``,
  ].join("\n");
}

export function hostMetaJson(cfg: ResolvedConfig): string {
  const jrd = {
    links: [
      { rel: REL_BOSH, href: cfg.params.xmpp.bosh },
      { rel: REL_WEBSOCKET, href: cfg.params.xmpp.websocket },
    ],
  };
  return JSON.stringify(jrd, null, 2) + "\n";
}

/** Home page URL per language: the default language at baseURL (defaultContentLanguageInSubdir = false), others under /<code>/. */
export function websites(cfg: ResolvedConfig): Record<string, string> {
  const inSubdir = cfg.defaultContentLanguageInSubdir;
  const out: Record<string, string> = {};
  for (const l of cfg.languages) out[l.code] = l.code === cfg.defaultContentLanguage && !inSubdir ? cfg.baseURL : absoluteURL(cfg, `/${l.code}/`);
  if (cfg.languages.length === 0) out[cfg.defaultContentLanguage] = cfg.baseURL;
  return out;
}

const absMap = (cfg: ResolvedConfig, m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, absoluteURL(cfg, v)]));

export interface ProviderFile {
  website: Record<string, string>;
  alternativeJids: string[];
  busFactor: number;
  organization: string;
  passwordReset: Record<string, string>;
  serverTesting: boolean;
  maximumHttpFileUploadTotalSize: number;
  maximumHttpFileUploadStorageTime: number;
  maximumMessageArchiveManagementStorageTime: number;
  professionalHosting: boolean;
  freeOfCharge: boolean;
  legalNotice: Record<string, string>;
  serverLocations: string[];
  since: string;
}

export function providerFile(cfg: ResolvedConfig): ProviderFile {
  const p = cfg.params.provider;
  return {
    website: websites(cfg),
    alternativeJids: p.alternativeJids,
    busFactor: p.busFactor,
    organization: p.organization,
    passwordReset: absMap(cfg, p.passwordReset),
    serverTesting: p.serverTesting,
    maximumHttpFileUploadTotalSize: p.maximumHttpFileUploadTotalSize,
    maximumHttpFileUploadStorageTime: p.maximumHttpFileUploadStorageTime,
    maximumMessageArchiveManagementStorageTime: p.maximumMessageArchiveManagementStorageTime,
    professionalHosting: p.professionalHosting,
    freeOfCharge: p.freeOfCharge,
    legalNotice: absMap(cfg, p.legalNotice),
    serverLocations: p.serverLocations,
    since: cfg.params.since,
  };
}

/** RFC 9116. Refuses an Expires in the past (such a file is invalid). */
export function securityTxt(cfg: ResolvedConfig, now = new Date()): string {
  const exp = cfg.params.security.expires;
  if (exp.getTime() <= now.getTime()) {
    throw new Problem(`params.security.expires: ${exp.toISOString()} is in the past; security.txt would be invalid (RFC 9116 §2.5.5)`, { hint: "set a date less than a year ahead" });
  }
  const lines = [
    ...cfg.params.security.contact.map((c) => `Contact: ${c}`),
    `Expires: ${exp.toISOString().replace(/\.000Z$/, "Z")}`,
    ...(cfg.params.security.preferredLanguages.length ? [`Preferred-Languages: ${cfg.params.security.preferredLanguages.join(", ")}`] : []),
    `Canonical: ${absoluteURL(cfg, "/.well-known/security.txt")}`,
  ];
  return lines.join("\n") + "\n";
}

export interface WellKnownFile {
  /** path below the site root */
  path: string;
  contentType: string;
  body: string;
}

export function wellKnownFiles(cfg: ResolvedConfig, now = new Date()): WellKnownFile[] {
  return [
    { path: ".well-known/host-meta", contentType: "application/xrd+xml", body: hostMetaXml(cfg) },
    { path: ".well-known/host-meta.json", contentType: "application/json", body: hostMetaJson(cfg) },
    { path: ".well-known/xmpp-provider-v2.json", contentType: "application/json", body: JSON.stringify(providerFile(cfg), null, 2) + "\n" },
    { path: ".well-known/security.txt", contentType: "text/plain", body: securityTxt(cfg, now) },
  ];
}

/** Site paths that the provider file links to but the rendered folder lacks. */
export async function missingLinkedPages(cfg: ResolvedConfig, out: string): Promise<string[]> {
  const missing: string[] = [];
  const check = async (key: string, m: Record<string, string>) => {
    for (const [lang, v] of Object.entries(m)) {
      if (!v.startsWith("/")) continue;
      const file = path.join(out, v.split(/[?#]/)[0] as string, v.endsWith("/") ? "index.html" : "");
      try {
        await fs.access(file);
      } catch {
        missing.push(`params.provider.${key}.${lang}: ${v} is not a page of this site`);
      }
    }
  };
  await check("passwordReset", cfg.params.provider.passwordReset);
  await check("legalNotice", cfg.params.provider.legalNotice);
  return missing;
}

export async function writeWellKnown(out: string, cfg: ResolvedConfig, log: (m: string) => void = () => {}): Promise<WellKnownFile[]> {
  const files = wellKnownFiles(cfg); // everything is generated (and validated) before the first write
  for (const f of files) {
    const p = path.join(out, f.path);
    await fs.mkdir(path.dirname(p), { recursive: true });
    await fs.writeFile(p, f.body);
  }
  for (const m of await missingLinkedPages(cfg, out)) log(`well-known: warning: ${m}`);
  return files;
}

export const wellKnownStep: Step = {
  name: "well-known",
  async run({ out, opts, config }) {
    await writeWellKnown(out, config, opts.log ?? ((m) => console.warn(m)));
  },
};
