// What the site claims about its server, gathered for verify-server:
//   - the XEPs of data/xeps.toml, each with the Prosody module that provides it (`module`);
//   - from the resolved hugo.toml: the contact addresses (as XEP-0157 would list them) and the upload
//     limit per file (params.provider.maximumHttpFileUploadFileSize);
//   - the provider file, made by the same generator the build uses (scripts/build/wellknown.ts).
// readXeps takes the text of data/xeps.toml and returns its entries, or throws one Problem per bad entry
// (file:line of its [[xep]] header, the field named).
import { promises as fs } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/config.ts";
import { Problem, ProblemList } from "../config/problem.ts";
import { parseToml, isObj } from "../config/toml.ts";
import { providerFile, type ProviderFile } from "../build/wellknown.ts";

export interface XepClaim {
  /** four digits, e.g. "0280" */
  number: string;
  name: string;
  /** the Prosody module that provides it; "" when none does (verify-server then only warns) */
  module: string;
  /** 1-based line of its [[xep]] header */
  line: number;
}

export function readXeps(text: string, file: string): XepClaim[] {
  const doc = parseToml(text, file);
  const headers: number[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (/^\s*\[\[xep\]\]\s*(#.*)?$/.test(l)) headers.push(i + 1);
  });
  const list = doc.xep;
  if (!Array.isArray(list) || list.length === 0) throw new Problem("no [[xep]] entries", { location: { file } });
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const out: XepClaim[] = [];
  list.forEach((x: unknown, i) => {
    const line = headers[i] ?? 1;
    const at = (msg: string) => problems.push(new Problem(`xep[${i}]${isObj(x) && typeof x.number === "string" ? ` (XEP-${x.number})` : ""}: ${msg}`, { location: { file, line } }));
    if (!isObj(x)) return at("must be a table");
    const { number, name, module } = x;
    if (typeof number !== "string" || !/^\d{4}$/.test(number)) return at(`number: must be four digits in quotes like "0280", got ${JSON.stringify(number)}`);
    if (seen.has(number)) return at("number: listed twice");
    seen.add(number);
    if (typeof name !== "string" || !name.trim()) return at("name: must be a non-empty string");
    if (typeof module !== "string") return at(`module: missing; name the Prosody module that provides it (e.g. module = "carbons"), or "" when none does`);
    if (module !== "" && (!/^[a-z0-9_]+$/.test(module) || module.startsWith("mod_"))) return at(`module: must be a module name without "mod_" (e.g. "carbons"), got ${JSON.stringify(module)}`);
    out.push({ number, name, module, line });
  });
  if (problems.length) throw new ProblemList(problems);
  return out;
}

export async function loadXeps(root: string): Promise<XepClaim[]> {
  const file = path.join(root, "data/xeps.toml");
  return readXeps(await fs.readFile(file, "utf8"), file);
}

/** XEP-0157 address types and the addresses the site shows for each (as URIs). */
export type Contacts = Record<string, string[]>;

/** The XEP-0157 addresses the site's [params] imply: admin (the operator's JID and the e-mail),
 *  support (the support room) and security (params.security.contact, as security.txt lists them). */
export function siteContacts(cfg: ResolvedConfig): Contacts {
  const c = cfg.params.contact;
  return {
    admin: [`xmpp:${c.admin}`, `mailto:${c.email}`],
    support: [`xmpp:${c.support}?join`],
    security: [...cfg.params.security.contact],
  };
}

export interface SiteClaims {
  domain: string;
  xeps: XepClaim[];
  contacts: Contacts;
  /** bytes per file; undefined when hugo.toml does not say */
  uploadMaxFileSize?: number;
  provider: ProviderFile;
}

export const MIB = 1024 * 1024;

export function siteClaims(cfg: ResolvedConfig, xeps: XepClaim[]): SiteClaims {
  const mib = cfg.params.provider.maximumHttpFileUploadFileSize;
  return {
    domain: cfg.params.xmpp.domain,
    xeps,
    contacts: siteContacts(cfg),
    ...(mib !== undefined ? { uploadMaxFileSize: mib * MIB } : {}),
    provider: providerFile(cfg),
  };
}
