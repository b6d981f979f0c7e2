// Reads hugo.toml (or several files merged left to right, like `hugo --config a,b`) and validates
// the keys that generated files depend on, BEFORE anything is written. Every problem names the key
// with its full path, e.g. `params.xmpp.websocket: missing`.
//
// URL rule (XEP-0156): endpoints must be wss:// (websocket) or https:// (BOSH). The only exception is
// a loopback host (127.0.0.1, ::1, localhost), where ws:// / http:// are accepted: the e2e harness
// serves the site over plain HTTP on 127.0.0.1 and points the endpoints at that nginx.
import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import TOML from "@iarna/toml";
import { configFile } from "./paths.ts";
import { tomlErrorLine } from "../content/frontmatter.ts";
import { isLoopbackHost } from "../../themes/broccoli/assets/ts/xmpp/names.ts";

export type Organization = "company" | "commercial person" | "governmental" | "non-governmental" | "private person";
export const ORGANIZATIONS: readonly Organization[] = ["company", "commercial person", "governmental", "non-governmental", "private person"];

export interface Language {
  code: string;
  contentDir: string;
  weight: number;
  locale: string;
}

export interface SiteConfig {
  /** absolute, ends with "/" */
  baseURL: string;
  title: string;
  defaultContentLanguage: string;
  /** sorted by weight; the first is the default language */
  languages: Language[];
  author: string;
  /** YYYY-MM-DD */
  since: string;
  xmpp: { domain: string; websocket: string; bosh: string; xmpps: string };
  contact: { admin: string; email: string; support: string };
  provider: {
    organization: Organization;
    busFactor: number;
    freeOfCharge: boolean;
    professionalHosting: boolean;
    serverTesting: boolean;
    serverLocations: string[];
    maximumHttpFileUploadTotalSize: number;
    maximumHttpFileUploadStorageTime: number;
    maximumMessageArchiveManagementStorageTime: number;
    alternativeJids: string[];
    /** language code -> path or absolute https URL */
    passwordReset: Record<string, string>;
    legalNotice: Record<string, string>;
  };
  security: { contact: string[]; expires: Date; preferredLanguages: string[] };
  deploy: {
    webRoot: string;
    /** host:port of Prosody's HTTP listener (mod_websocket, mod_bosh) */
    prosody: string;
    /** X-Robots-Tag value; "" sends no header */
    robotsTag: string;
    certificate: string;
    certificateKey: string;
  };
  /** the raw merged TOML, for keys this module does not type */
  raw: Record<string, unknown>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[], readonly files: string[]) {
    super(`invalid configuration (${files.map((f) => path.basename(f)).join(" + ")}):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** Deep merge: tables merge key by key, everything else (arrays too) is replaced by the later value. */
export function mergeConfig(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isObj(prev) && isObj(v) ? mergeConfig(prev, v) : v;
  }
  return out;
}

export function parseToml(text: string, file: string): Obj {
  try {
    return TOML.parse(text) as Obj;
  } catch (e) {
    const err = e as { line?: number; message?: string };
    const msg = String(err.message ?? e).split("\n")[0] ?? "invalid TOML";
    const line = typeof err.line === "number" ? err.line + 1 : Math.max(1, tomlErrorLine(text.split(/\r?\n/), msg));
    throw new ConfigError([`${file}:${line}: ${msg}`], [file]);
  }
}

export async function loadConfig(files: string[] = [configFile], overrides: { baseURL?: string } = {}): Promise<SiteConfig> {
  let merged: Obj = {};
  for (const f of files) merged = mergeConfig(merged, parseToml(await fs.readFile(f, "utf8"), f));
  if (overrides.baseURL) merged.baseURL = overrides.baseURL;
  return validateConfig(merged, files);
}

// ---- checks -------------------------------------------------------------------------------


/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, max 253 chars. */
export function isHostName(s: string): boolean {
  if (s.length === 0 || s.length > 253) return false;
  const labels = s.replace(/\.$/, "").split(".");
  if (labels.some((l) => !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(l))) return false;
  // a name made only of digits and dots is an IP address, not a host name
  return !labels.every((l) => /^\d+$/.test(l));
}


export function isJid(s: string): boolean {
  const m = /^([^@/\s"&'<>:]+)@([^@/\s]+)$/.exec(s);
  return !!m && isHostName(m[2] as string);
}

export function isEmail(s: string): boolean {
  const m = /^[^@\s<>()]+@([^@\s<>()]+)$/.exec(s);
  return !!m && isHostName(m[1] as string);
}

/** A real calendar date in YYYY-MM-DD form (2017-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

class Checker {
  problems: string[] = [];
  constructor(readonly root: Obj) {}

  get(p: string): unknown {
    let cur: unknown = this.root;
    for (const part of p.split(".")) {
      if (!isObj(cur)) return undefined;
      cur = cur[part];
    }
    return cur;
  }
  fail(p: string, msg: string): void {
    this.problems.push(`${p}: ${msg}`);
  }
  show(v: unknown): string {
    return v instanceof Date ? v.toISOString() : JSON.stringify(v);
  }
  present(p: string): unknown {
    const v = this.get(p);
    if (v === undefined) this.fail(p, "missing (required key)");
    return v;
  }
  str(p: string, opts: { optional?: boolean; allowEmpty?: boolean } = {}): string {
    const v = opts.optional ? this.get(p) : this.present(p);
    if (v === undefined) return "";
    if (typeof v !== "string") {
      this.fail(p, `must be a string, got ${this.show(v)}`);
      return "";
    }
    if (!opts.allowEmpty && v.trim() === "") this.fail(p, "must not be empty");
    return v;
  }
  int(p: string, min = -Infinity): number {
    const v = this.present(p);
    if (v === undefined) return 0;
    if (typeof v !== "number" || !Number.isInteger(v)) {
      this.fail(p, `must be a whole number, got ${this.show(v)}`);
      return 0;
    }
    if (v < min) this.fail(p, `must be ${min} or more, got ${v}`);
    return v;
  }
  bool(p: string): boolean {
    const v = this.present(p);
    if (v === undefined) return false;
    if (typeof v !== "boolean") this.fail(p, `must be true or false, got ${this.show(v)}`);
    return v === true;
  }
  strList(p: string, each?: (s: string) => string | undefined): string[] {
    const v = this.present(p);
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.fail(p, `must be a list of strings, got ${this.show(v)}`);
      return [];
    }
    v.forEach((x, i) => {
      if (typeof x !== "string") this.fail(`${p}[${i}]`, `must be a string, got ${this.show(x)}`);
      else if (each) {
        const err = each(x);
        if (err) this.fail(`${p}[${i}]`, err);
      }
    });
    return v.filter((x): x is string => typeof x === "string");
  }
  /** a TOML date (2017-06-27, unquoted) or a string in that form; returns YYYY-MM-DD */
  date(p: string): string {
    const v = this.present(p);
    if (v === undefined) return "";
    if (v instanceof Date && !Number.isNaN(v.getTime()) && !(v as { isTime?: boolean }).isTime) return v.toISOString().slice(0, 10);
    if (typeof v === "string" && isIsoDate(v)) return v;
    this.fail(p, `must be a date like 2017-06-27, got ${this.show(v)}`);
    return "";
  }
  dateTime(p: string): Date {
    const v = this.present(p);
    if (v instanceof Date && !Number.isNaN(v.getTime()) && !(v as { isTime?: boolean }).isTime) return new Date(v.getTime());
    if (typeof v === "string" && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}/.test(v) && isIsoDate(v.slice(0, 10))) return new Date(v);
    if (v !== undefined) this.fail(p, `must be a date or date-time like 2027-06-30T00:00:00Z, got ${this.show(v)}`);
    return new Date(NaN);
  }
  url(p: string, schemes: { secure: string; loopback: string }, optional = false): string {
    const s = this.str(p, { optional });
    if (!s) return s;
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      this.fail(p, `must be an absolute ${schemes.secure}// URL, got ${this.show(s)}`);
      return s;
    }
    if (u.protocol === schemes.secure) {
      if (!isHostName(u.hostname) && !isLoopbackHost(u.hostname) && !/^\d+\.\d+\.\d+\.\d+$/.test(u.hostname)) this.fail(p, `host ${this.show(u.hostname)} is not a valid host name`);
      return s;
    }
    if (u.protocol === schemes.loopback && isLoopbackHost(u.hostname)) return s;
    this.fail(p, `must be a ${schemes.secure}// URL (${schemes.loopback}// is accepted only for 127.0.0.1/localhost), got ${this.show(s)}`);
    return s;
  }
  langMap(p: string): Record<string, string> {
    const v = this.present(p);
    if (v === undefined) return {};
    if (!isObj(v)) {
      this.fail(p, `must be a table of language = "path or https URL", got ${this.show(v)}`);
      return {};
    }
    const out: Record<string, string> = {};
    for (const [lang, x] of Object.entries(v)) {
      if (typeof x !== "string" || !(x.startsWith("/") || /^https:\/\//.test(x))) this.fail(`${p}.${lang}`, `must be a path starting with / or an https:// URL, got ${this.show(x)}`);
      else out[lang] = x;
    }
    return out;
  }
}

export function validateConfig(raw: Obj, files: string[] = [configFile]): SiteConfig {
  const c = new Checker(raw);

  let baseURL = c.str("baseURL");
  if (baseURL) {
    try {
      const u = new URL(baseURL);
      if (!/^https?:$/.test(u.protocol)) c.fail("baseURL", `must be an http(s):// URL, got ${c.show(baseURL)}`);
      if (!baseURL.endsWith("/")) baseURL += "/";
    } catch {
      c.fail("baseURL", `must be an absolute URL, got ${c.show(baseURL)}`);
    }
  }

  const domain = c.str("params.xmpp.domain");
  if (domain && !isHostName(domain)) c.fail("params.xmpp.domain", `must be a valid host name, got ${c.show(domain)}`);
  const xmpps = c.str("params.xmpp.xmpps");
  if (xmpps && !isHostName(xmpps)) c.fail("params.xmpp.xmpps", `must be a valid host name, got ${c.show(xmpps)}`);
  const websocket = c.url("params.xmpp.websocket", { secure: "wss:", loopback: "ws:" });
  const bosh = c.url("params.xmpp.bosh", { secure: "https:", loopback: "http:" });

  const admin = c.str("params.contact.admin");
  if (admin && !isJid(admin)) c.fail("params.contact.admin", `must be an XMPP address like name@example.org, got ${c.show(admin)}`);
  const email = c.str("params.contact.email");
  if (email && !isEmail(email)) c.fail("params.contact.email", `must be an e-mail address, got ${c.show(email)}`);
  const support = c.str("params.contact.support");
  if (support && !isJid(support)) c.fail("params.contact.support", `must be a room address like support@chat.example.org, got ${c.show(support)}`);

  const organization = c.str("params.provider.organization") as Organization;
  if (organization && !ORGANIZATIONS.includes(organization)) c.fail("params.provider.organization", `must be one of ${ORGANIZATIONS.map((o) => `"${o}"`).join(", ")}, got ${c.show(organization)}`);

  const contacts = c.strList("params.security.contact", (s) => (/^(mailto:|https:\/\/|tel:|xmpp:)/.test(s) ? undefined : `must be a mailto:, https://, tel: or xmpp: URI, got ${JSON.stringify(s)}`));
  if (c.get("params.security.contact") !== undefined && contacts.length === 0) c.fail("params.security.contact", "must name at least one contact");

  const prosody = c.str("params.deploy.prosody");
  if (prosody && !/^(?:[a-z0-9.-]+|\[[0-9a-f:]+\]):\d{1,5}$/i.test(prosody)) c.fail("params.deploy.prosody", `must be host:port, got ${c.show(prosody)}`);
  const robotsTag = c.str("params.deploy.robotsTag", { allowEmpty: true });
  if (/["\n\\]/.test(robotsTag)) c.fail("params.deploy.robotsTag", `must not contain quotes, backslashes or line breaks`);
  const webRoot = c.str("params.deploy.webRoot");
  if (webRoot && !path.isAbsolute(webRoot)) c.fail("params.deploy.webRoot", `must be an absolute path, got ${c.show(webRoot)}`);

  const languages: Language[] = [];
  const langs = c.get("languages");
  if (isObj(langs)) {
    for (const [code, v] of Object.entries(langs)) {
      if (!isObj(v)) continue;
      languages.push({
        code,
        contentDir: typeof v.contentDir === "string" ? v.contentDir : `content/${code}`,
        weight: typeof v.weight === "number" ? v.weight : 0,
        locale: typeof v.locale === "string" ? v.locale : typeof v.languageCode === "string" ? v.languageCode : code,
      });
    }
    languages.sort((a, b) => a.weight - b.weight);
  }

  const cfg: SiteConfig = {
    baseURL,
    title: c.str("title"),
    defaultContentLanguage: typeof raw.defaultContentLanguage === "string" ? raw.defaultContentLanguage : (languages[0]?.code ?? "en"),
    languages,
    author: c.str("params.author"),
    since: c.date("params.since"),
    xmpp: { domain, websocket, bosh, xmpps },
    contact: { admin, email, support },
    provider: {
      organization,
      busFactor: c.int("params.provider.busFactor", -1),
      freeOfCharge: c.bool("params.provider.freeOfCharge"),
      professionalHosting: c.bool("params.provider.professionalHosting"),
      serverTesting: c.bool("params.provider.serverTesting"),
      serverLocations: c.strList("params.provider.serverLocations", (s) => (/^[a-z]{2}$/.test(s) ? undefined : `must be a lower-case ISO 3166-1 alpha-2 country code like "de", got ${JSON.stringify(s)}`)),
      maximumHttpFileUploadTotalSize: c.int("params.provider.maximumHttpFileUploadTotalSize", -1),
      maximumHttpFileUploadStorageTime: c.int("params.provider.maximumHttpFileUploadStorageTime", -1),
      maximumMessageArchiveManagementStorageTime: c.int("params.provider.maximumMessageArchiveManagementStorageTime", -1),
      alternativeJids: c.strList("params.provider.alternativeJids", (s) => (isHostName(s) ? undefined : `must be a domain, got ${JSON.stringify(s)}`)),
      passwordReset: c.langMap("params.provider.passwordReset"),
      legalNotice: c.langMap("params.provider.legalNotice"),
    },
    security: {
      contact: contacts,
      expires: c.dateTime("params.security.expires"),
      preferredLanguages: c.get("params.security.preferredLanguages") === undefined ? [] : c.strList("params.security.preferredLanguages"),
    },
    deploy: {
      webRoot,
      prosody,
      robotsTag,
      certificate: c.str("params.deploy.certificate"),
      certificateKey: c.str("params.deploy.certificateKey"),
    },
    raw,
  };
  if (c.problems.length) throw new ConfigError(c.problems, files);
  return cfg;
}

/** Absolute URL for a site path ("/impressum/") or the URL itself when already absolute. */
export function absoluteURL(cfg: Pick<SiteConfig, "baseURL">, p: string): string {
  return new URL(p.replace(/^\//, ""), cfg.baseURL).href;
}
