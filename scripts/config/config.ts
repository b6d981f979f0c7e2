// The site's configuration, resolved once: resolveConfig reads hugo.toml (or several files merged left
// to right, like `hugo --config a,b`), validates every key that the theme and the scripts read, BEFORE
// anything is written, and returns one typed object that every step is given (the build's steps, the
// content check, the well-known files, the nginx config, publish, the test harness). Nothing else
// reads the config files.
//
// Every problem names the key with its full path and stands where the key is written, e.g.
//     hugo.toml:47:5: params.xmpp.websocket: must be a wss:// URL (...), got "ws://example.org/ws"
// A key that is missing is reported at its table ([params.xmpp]).
//
// URL rule (XEP-0156): endpoints must be wss:// (websocket) or https:// (BOSH). The only exception is
// a loopback host (127.0.0.1, ::1, localhost), where ws:// / http:// are accepted: the e2e harness
// serves the site over plain HTTP on 127.0.0.1 and points the endpoints at that nginx.
//
// The theme's params (themes/broccoli/README.md, "Parameters"; layouts/partials/utils/params-schema.html)
// are checked here with the same types (text, number, date, list of texts) and narrower rules where the
// site depends on them: register.* whole numbers within bounds, stats.* a same-origin path, graph
// names and sizes, reports.* https:// URLs.
import { promises as fs } from "node:fs";
import path from "node:path";
import { configFile, root as projectRoot } from "./paths.ts";
import { Problem, ProblemList, type Location } from "./problem.ts";
import { parseToml, mergeConfig, keyPositions, isObj, type Obj, type KeyPosition } from "./toml.ts";
import { isLoopbackHost } from "../../themes/broccoli/assets/ts/xmpp/names.ts";

export { mergeConfig };

export type Organization = "company" | "commercial person" | "governmental" | "non-governmental" | "private person";
export const ORGANIZATIONS: readonly Organization[] = ["company", "commercial person", "governmental", "non-governmental", "private person"];

/** params.register bounds: a minimum password length beyond 128 characters locks people out; RFC 7622
 *  caps a localpart at 1023 bytes (the register form checks the bytes too). */
export const REGISTER_LIMITS = { minPasswordLength: { min: 1, max: 128 }, maxUsernameLength: { min: 1, max: 1023 } } as const;

export interface Language {
  code: string;
  contentDir: string;
  weight: number;
  locale: string;
}

/** [params] as the theme and the scripts read it; the path in this object is the key in hugo.toml. */
export interface Params {
  author: string;
  /** YYYY-MM-DD */
  since: string;
  /** CSS colour for meta theme-color (optional) */
  themeColor?: string;
  /** the site's description (optional; best per language) */
  description?: string;
  xmpp: { domain: string; websocket: string; bosh: string; xmpps: string };
  /** the sign-up form's rules (the form has no defaults of its own) */
  register: { minPasswordLength: number; maxUsernameLength: number };
  /** admin (JID), email, support (room) are required; other names are the site's own contacts */
  contact: { admin: string; email: string; support: string; [name: string]: string };
  /** name -> https:// URL of an outside report (badge shortcode); {} when there is no [params.reports] */
  reports: Record<string, string>;
  /** the graphs shortcode; undefined when there is no [params.stats] */
  stats?: { base: string; graphs: string[]; width: number; height: number };
  /** the live status (graphs shortcode, nginx's filtered metrics); undefined when there is no [params.status] */
  status?: { metrics: string; interval: number };
  provider: {
    organization: Organization;
    busFactor: number;
    freeOfCharge: boolean;
    professionalHosting: boolean;
    serverTesting: boolean;
    serverLocations: string[];
    maximumHttpFileUploadTotalSize: number;
    /** MiB per file (XEP-0363 max-file-size; 0 = no limit); optional, checked by npm run verify-server,
     *  not part of the provider file (whose v2 format has no such field) */
    maximumHttpFileUploadFileSize?: number;
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
    /** [params.deploy.limits], per client address on the XMPP endpoints; a key left out takes the
     * generator's default (scripts/deploy/nginx.ts DEFAULT_LIMITS) */
    limits: Partial<ProxyLimits>;
  };
}

/** nginx's limits in front of Prosody (/xmpp-websocket, /http-bind), per client address. */
export interface ProxyLimits {
  /** connections open at once (limit_conn) */
  connections: number;
  /** new requests per minute, on average (limit_req rate) */
  requestsPerMinute: number;
  /** requests above that rate let through at once (limit_req burst, nodelay) */
  burst: number;
  /** seconds without data from Prosody before nginx closes a connection (proxy_read_timeout) */
  idleTimeout: number;
}
/** the keys of [params.deploy.limits] and their allowed ranges */
export const PROXY_LIMIT_RANGES: Record<keyof ProxyLimits, [number, number]> = {
  connections: [1, 100_000],
  requestsPerMinute: [1, 6_000_000],
  burst: [0, 100_000],
  idleTimeout: [1, 86_400],
};

/** What the content check needs to know of the site (scripts/content/lint.ts). */
export interface LintSite {
  /** project root: files are reported relative to it */
  root: string;
  languages: { code: string; contentDir: string }[];
  defaultLanguage: string;
  defaultInSubdir: boolean;
  /** folders whose files are served at / (static/, the theme's static/) */
  staticDirs: string[];
  taxonomies: string[];
  /** site paths produced by the build, not by content (well-known files, feeds, sitemap) */
  generated: string[];
}

/** Site paths the build writes besides Hugo's pages (scripts/build/wellknown.ts, Hugo's own files). */
export const GENERATED_PATHS = [
  "/.well-known/host-meta",
  "/.well-known/host-meta.json",
  "/.well-known/xmpp-provider-v2.json",
  "/.well-known/security.txt",
  "/sitemap.xml",
  "/robots.txt",
  "/index.xml",
  "/404.html",
];

export interface ResolvedConfig {
  paths: {
    /** the project root (content dirs and static/ are relative to it) */
    root: string;
    /** the config files, merged left to right */
    configFiles: string[];
    /** themes/<theme>, when a theme is set */
    themeDir?: string;
    /** folders served at /: static/ and the theme's static/ */
    staticDirs: string[];
  };
  /** absolute, ends with "/" */
  baseURL: string;
  title: string;
  defaultContentLanguage: string;
  defaultContentLanguageInSubdir: boolean;
  /** sorted by weight; the first is the default language */
  languages: Language[];
  /** taxonomy plurals, e.g. ["categories", "tags"] */
  taxonomies: string[];
  params: Params;
  /** the site as the content check sees it */
  lint: LintSite;
  /** what the command line changed (the build passes the same to Hugo) */
  overrides: { baseURL?: string };
  /** the raw merged TOML, for keys this module does not type */
  raw: Obj;
}

export interface ConfigOverrides {
  /** replaces the files' baseURL (the test harness serves on 127.0.0.1:<port>) */
  baseURL?: string;
  /** the project root; defaults to this project's */
  root?: string;
}

/**
 * Reads, merges and validates the config files. Throws a ProblemList naming every bad key at the place
 * it is written (a TOML syntax error: a Problem at its line).
 */
export async function resolveConfig(files: string[] = [configFile], overrides: ConfigOverrides = {}): Promise<ResolvedConfig> {
  const texts = await Promise.all(files.map((f) => fs.readFile(f, "utf8")));
  let merged: Obj = {};
  files.forEach((f, i) => (merged = mergeConfig(merged, parseToml(texts[i] as string, f))));
  if (overrides.baseURL) merged.baseURL = overrides.baseURL;
  const sources = files.map((file, i) => ({ file, keys: keyPositions(texts[i] as string) }));
  const cfg = validateConfig(merged, { files, root: overrides.root ?? projectRoot, locate: locator(sources, overrides.baseURL ? ["baseURL"] : []) });
  return overrides.baseURL ? { ...cfg, overrides: { baseURL: overrides.baseURL } } : cfg;
}

/** Where a key (e.g. "params.provider.serverLocations[0]") is written: the last file that writes it,
 *  else the last file that writes its nearest table; undefined for keys given on the command line. */
function locator(sources: { file: string; keys: Map<string, KeyPosition> }[], overridden: string[]): (key: string) => Location | undefined {
  return (key) => {
    if (overridden.includes(key)) return undefined;
    const parts = key.replace(/\[\d+\]/g, "").split(".");
    for (let n = parts.length; n > 0; n--) {
      const k = parts.slice(0, n).join(".");
      for (let i = sources.length - 1; i >= 0; i--) {
        const at = sources[i]?.keys.get(k);
        if (at) return { file: (sources[i] as { file: string }).file, line: at.line, column: at.column };
      }
    }
    const last = sources[sources.length - 1];
    return last ? { file: last.file } : undefined;
  };
}

/** Absolute URL for a site path ("/impressum/") or the URL itself when already absolute. */
export function absoluteURL(cfg: Pick<ResolvedConfig, "baseURL">, p: string): string {
  return new URL(p.replace(/^\//, ""), cfg.baseURL).href;
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
  failures: { key: string; message: string }[] = [];
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
    this.failures.push({ key: p, message: `${p}: ${msg}` });
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
  int(p: string, min = -Infinity, max = Infinity): number {
    const v = this.present(p);
    if (v === undefined) return 0;
    if (typeof v !== "number" || !Number.isInteger(v)) {
      this.fail(p, `must be a whole number, got ${this.show(v)}`);
      return 0;
    }
    if (max !== Infinity && (v < min || v > max)) this.fail(p, `must be from ${min} to ${max}, got ${v}`);
    else if (v < min) this.fail(p, `must be ${min} or more, got ${v}`);
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
  /** a table, or nothing (undefined); anything else is a problem */
  table(p: string): Obj | undefined {
    const v = this.get(p);
    if (v === undefined) return undefined;
    if (!isObj(v)) {
      this.fail(p, `must be a table ([${p}]), got ${this.show(v)}`);
      return undefined;
    }
    return v;
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
  url(p: string, schemes: { secure: string; loopback?: string }, optional = false): string {
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
    if (schemes.loopback && u.protocol === schemes.loopback && isLoopbackHost(u.hostname)) return s;
    this.fail(
      p,
      schemes.loopback
        ? `must be a ${schemes.secure}// URL (${schemes.loopback}// is accepted only for 127.0.0.1/localhost), got ${this.show(s)}`
        : `must be an ${schemes.secure}// URL, got ${this.show(s)}`,
    );
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

/** A contact of the site's own ([params.contact] besides admin, email, support), as the contact shortcode
 *  reads it: "email" or a mailto: value is an e-mail address, anything else an XMPP address (xmpp: URI). */
function contactProblem(name: string, v: string): string | undefined {
  if (name === "email" || v.startsWith("mailto:")) return isEmail(v.replace(/^mailto:/, "")) ? undefined : `must be an e-mail address, got ${JSON.stringify(v)}`;
  const addr = v.replace(/^xmpp:/, "").split("?")[0] as string;
  return isJid(addr) || (v.startsWith("xmpp:") && isHostName(addr)) ? undefined : `must be an XMPP address like name@example.org (or an xmpp: URI), got ${JSON.stringify(v)}`;
}

/**
 * Validates the merged TOML. `locate` says where a key is written (resolveConfig finds it in the
 * files); without it, problems carry no location.
 */
export function validateConfig(raw: Obj, opts: { files?: string[]; root?: string; locate?: (key: string) => Location | undefined } = {}): ResolvedConfig {
  const c = new Checker(raw);
  const root = opts.root ?? projectRoot;

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

  const register = {
    minPasswordLength: c.int("params.register.minPasswordLength", REGISTER_LIMITS.minPasswordLength.min, REGISTER_LIMITS.minPasswordLength.max),
    maxUsernameLength: c.int("params.register.maxUsernameLength", REGISTER_LIMITS.maxUsernameLength.min, REGISTER_LIMITS.maxUsernameLength.max),
  };

  const admin = c.str("params.contact.admin");
  if (admin && !isJid(admin)) c.fail("params.contact.admin", `must be an XMPP address like name@example.org, got ${c.show(admin)}`);
  const email = c.str("params.contact.email");
  if (email && !isEmail(email)) c.fail("params.contact.email", `must be an e-mail address, got ${c.show(email)}`);
  const support = c.str("params.contact.support");
  if (support && !isJid(support)) c.fail("params.contact.support", `must be a room address like support@chat.example.org, got ${c.show(support)}`);
  const contact: Params["contact"] = { admin, email, support };
  for (const [name, v] of Object.entries(c.table("params.contact") ?? {})) {
    if (name === "admin" || name === "email" || name === "support") continue;
    const s = c.str(`params.contact.${name}`);
    const err = s ? contactProblem(name, s) : undefined;
    if (err) c.fail(`params.contact.${name}`, err);
    else if (s) contact[name] = s;
  }

  const reports: Record<string, string> = {};
  for (const name of Object.keys(c.table("params.reports") ?? {})) reports[name] = c.url(`params.reports.${name}`, { secure: "https:" });

  let stats: Params["stats"];
  if (c.table("params.stats")) {
    const base = c.str("params.stats.base");
    if (base && !(base.startsWith("/") && !base.startsWith("//") && base.endsWith("/")))
      c.fail("params.stats.base", `must be a path on this site that starts and ends with / (the graphs are served by the same host), got ${c.show(base)}`);
    const graphs = c.strList("params.stats.graphs", (s) => (/^[A-Za-z0-9_.-]+$/.test(s) ? undefined : `must be a graph name (letters, digits, "-", "_", "."), got ${JSON.stringify(s)}`));
    if (Array.isArray(c.get("params.stats.graphs")) && graphs.length === 0) c.fail("params.stats.graphs", "must name at least one graph");
    stats = { base, graphs, width: c.int("params.stats.width", 1), height: c.int("params.stats.height", 1) };
  }

  let status: Params["status"];
  if (c.table("params.status")) {
    const metrics = c.str("params.status.metrics");
    if (metrics && !/^\/(?!\/)[A-Za-z0-9._~\/-]*$/.test(metrics))
      c.fail("params.status.metrics", `must be a path on this site (nginx serves Prosody's filtered metrics there), e.g. "/status/metrics", got ${c.show(metrics)}`);
    status = { metrics, interval: c.get("params.status.interval") === undefined ? 10 : c.int("params.status.interval", 2, 3600) };
  }

  const organization = c.str("params.provider.organization") as Organization;
  if (organization && !ORGANIZATIONS.includes(organization)) c.fail("params.provider.organization", `must be one of ${ORGANIZATIONS.map((o) => `"${o}"`).join(", ")}, got ${c.show(organization)}`);

  const contacts = c.strList("params.security.contact", (s) => (/^(mailto:|https:\/\/|tel:|xmpp:)/.test(s) ? undefined : `must be a mailto:, https://, tel: or xmpp: URI, got ${JSON.stringify(s)}`));
  if (c.get("params.security.contact") !== undefined && contacts.length === 0) c.fail("params.security.contact", "must name at least one contact");

  const uploadFileSize = c.get("params.provider.maximumHttpFileUploadFileSize") === undefined ? undefined : c.int("params.provider.maximumHttpFileUploadFileSize", 0);

  const prosody = c.str("params.deploy.prosody");
  if (prosody && !/^(?:[a-z0-9.-]+|\[[0-9a-f:]+\]):\d{1,5}$/i.test(prosody)) c.fail("params.deploy.prosody", `must be host:port, got ${c.show(prosody)}`);
  const robotsTag = c.str("params.deploy.robotsTag", { allowEmpty: true });
  if (/["\n\\]/.test(robotsTag)) c.fail("params.deploy.robotsTag", `must not contain quotes, backslashes or line breaks`);
  const limits: Partial<ProxyLimits> = {};
  const limitsTable = c.table("params.deploy.limits");
  for (const key of Object.keys(limitsTable ?? {})) {
    const range = PROXY_LIMIT_RANGES[key as keyof ProxyLimits];
    if (!range) c.fail(`params.deploy.limits.${key}`, `unknown key (known: ${Object.keys(PROXY_LIMIT_RANGES).join(", ")})`);
    else limits[key as keyof ProxyLimits] = c.int(`params.deploy.limits.${key}`, range[0], range[1]);
  }
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
  const defaultContentLanguage = typeof raw.defaultContentLanguage === "string" ? raw.defaultContentLanguage : (languages[0]?.code ?? "en");
  const defaultContentLanguageInSubdir = raw.defaultContentLanguageInSubdir === true;
  const taxonomies = Object.values((isObj(raw.taxonomies) ? raw.taxonomies : { tag: "tags", category: "categories" }) as Record<string, string>);
  const theme = typeof raw.theme === "string" ? raw.theme : "";
  const themeDir = theme ? path.join(root, "themes", theme) : undefined;
  const staticDirs = [path.join(root, "static"), ...(themeDir ? [path.join(themeDir, "static")] : [])];

  const optionalText = (p: string) => {
    const v = c.get(p);
    if (v === undefined) return undefined;
    return c.str(p, { allowEmpty: true }) || undefined; // "" counts as not set, as in the theme
  };
  const themeColor = optionalText("params.themeColor");
  const description = optionalText("params.description");

  const params: Params = {
    author: c.str("params.author"),
    since: c.date("params.since"),
    ...(themeColor ? { themeColor } : {}),
    ...(description ? { description } : {}),
    xmpp: { domain, websocket, bosh, xmpps },
    register,
    contact,
    reports,
    ...(stats ? { stats } : {}),
    ...(status ? { status } : {}),
    provider: {
      organization,
      busFactor: c.int("params.provider.busFactor", -1),
      freeOfCharge: c.bool("params.provider.freeOfCharge"),
      professionalHosting: c.bool("params.provider.professionalHosting"),
      serverTesting: c.bool("params.provider.serverTesting"),
      serverLocations: c.strList("params.provider.serverLocations", (s) =>
        /^[a-z]{2}$/.test(s) ? undefined : `must be a lower-case ISO 3166-1 alpha-2 country code like "de", got ${JSON.stringify(s)}`,
      ),
      maximumHttpFileUploadTotalSize: c.int("params.provider.maximumHttpFileUploadTotalSize", -1),
      maximumHttpFileUploadStorageTime: c.int("params.provider.maximumHttpFileUploadStorageTime", -1),
      ...(uploadFileSize !== undefined ? { maximumHttpFileUploadFileSize: uploadFileSize } : {}),
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
      limits,
    },
  };

  const cfg: ResolvedConfig = {
    paths: { root, configFiles: opts.files ?? [configFile], ...(themeDir ? { themeDir } : {}), staticDirs },
    baseURL,
    title: c.str("title"),
    defaultContentLanguage,
    defaultContentLanguageInSubdir,
    languages,
    taxonomies,
    params,
    lint: {
      root,
      languages: languages.map((l) => ({ code: l.code, contentDir: l.contentDir })),
      defaultLanguage: defaultContentLanguage,
      defaultInSubdir: defaultContentLanguageInSubdir,
      staticDirs,
      taxonomies,
      generated: GENERATED_PATHS,
    },
    overrides: {},
    raw,
  };
  if (c.failures.length) {
    throw new ProblemList(
      c.failures.map((f) => {
        const location = opts.locate?.(f.key);
        return new Problem(f.message, location ? { location } : {});
      }),
    );
  }
  return cfg;
}
