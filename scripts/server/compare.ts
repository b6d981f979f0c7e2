// The comparison of what the site claims (claims.ts) with what the server advertised (queries.ts).
// Pure: facts and claims in, findings out, one per line of the report:
//   error    a claimed XEP the server does not advertise; a value that differs (upload size, contacts)
//   warning  a claim that cannot hold as written (a XEP with no module, one verify-server cannot see)
//   hint     something the server advertises that the site does not list
//   note     what was not compared, and why
import { CATALOGUE, NOT_A_XEP, isSubFeature, xepOfEvidence, type Evidence } from "./catalogue.ts";
import { MIB, type SiteClaims, type Contacts } from "./claims.ts";
import type { ServerFacts, DiscoInfo } from "./queries.ts";

export type Level = "error" | "warning" | "hint" | "note";

export interface Finding {
  level: Level;
  /** what it is about, e.g. "XEP-0280", "upload", "contacts.admin" */
  subject: string;
  message: string;
}

/** What the check saw besides the XMPP answers: how it found the server, and the BOSH endpoint. */
export interface Access {
  /** the host-meta the WebSocket came from (undefined: --websocket) */
  hostMeta?: string;
  /** the host-meta's BOSH link and what an HTTP GET on it gave (status 0: unreachable) */
  bosh?: { url: string; status: number };
}

export interface Outcome {
  findings: Finding[];
  /** the claimed XEPs by what the server showed: advertised, not advertised, not checkable */
  xeps: { advertised: string[]; missing: string[]; unchecked: string[] };
}

const infos = (f: ServerFacts): DiscoInfo[] => [f.domainInfo, ...(f.accountInfo ? [f.accountInfo] : []), ...f.components.flatMap((c) => (c.info ? [c.info] : []))];

/** Whether one evidence item was seen; undefined when it cannot be checked in this run. */
export function seen(e: Evidence, f: ServerFacts, a: Access): boolean | undefined {
  if (e === "dns") return undefined;
  if (e === "host-meta") return a.hostMeta ? true : undefined;
  if (e === "bosh") return a.bosh ? a.bosh.status === 200 : a.hostMeta ? false : undefined;
  const [kind, ...rest] = e.split(":");
  const value = rest.join(":");
  if (kind === "feature") return infos(f).some((i) => i.features.includes(value));
  if (kind === "identity") return infos(f).some((i) => i.identities.some((id) => `${id.category}/${id.type}` === value));
  if (kind === "stream") return f.streamFeatures.beforeLogin.includes(value) || f.streamFeatures.afterLogin.includes(value);
  if (kind === "form") return f.domainInfo.forms.some((x) => x.formType === value);
  return undefined;
}

const show = (e: Evidence) => (e.includes(":") ? e.slice(e.indexOf(":") + 1) : e);

function compareXeps(f: ServerFacts, c: SiteClaims, a: Access, out: Finding[]): Outcome["xeps"] {
  const xeps: Outcome["xeps"] = { advertised: [], missing: [], unchecked: [] };
  for (const x of c.xeps) {
    const subject = `XEP-${x.number}`;
    const known = CATALOGUE[x.number];
    if (!known) {
      xeps.unchecked.push(x.number);
      out.push({ level: "warning", subject, message: `${x.name}: verify-server does not know how a server shows it; not checked (scripts/server/catalogue.ts)` });
      continue;
    }
    const results = known.evidence.map((e) => seen(e, f, a));
    if (results.includes(true)) {
      xeps.advertised.push(x.number);
      continue;
    }
    if (results.every((r) => r === undefined)) {
      xeps.unchecked.push(x.number);
      const why = known.evidence.includes("dns") ? "it shows only in DNS (SRV records)" : "the check connected with --websocket, not through the host-meta";
      out.push({ level: "note", subject, message: `${x.name}: not checked: ${why}` });
      continue;
    }
    xeps.missing.push(x.number);
    const what =
      known.evidence[0] === "bosh"
        ? a.bosh
          ? `the BOSH link ${a.bosh.url} answers ${a.bosh.status === 0 ? "nothing" : `HTTP ${a.bosh.status}`}`
          : `the host-meta ${a.hostMeta} has no BOSH link`
        : `the server does not advertise ${known.evidence.map(show).join(" or ")}`;
    if (x.module === "") out.push({ level: "warning", subject, message: `${x.name}: listed in data/xeps.toml with no module (module = ""), and ${what}` });
    else out.push({ level: "error", subject, message: `${x.name}: listed in data/xeps.toml (module ${x.module}), but ${what}` });
  }
  // hints: XEPs the server shows that the site does not list
  const claimed = new Set(c.xeps.map((x) => x.number));
  for (const [number, known] of Object.entries(CATALOGUE)) {
    if (claimed.has(number)) continue;
    const shown = known.evidence.filter((e) => !["dns", "host-meta", "bosh"].includes(e) && seen(e, f, a));
    if (shown.length) out.push({ level: "hint", subject: `XEP-${number}`, message: `the server advertises ${known.name} (${shown.map(show).join(", ")}); data/xeps.toml does not list it` });
  }
  const unknown = [...new Set([...f.domainInfo.features, ...(f.accountInfo?.features ?? []), ...f.streamFeatures.beforeLogin, ...f.streamFeatures.afterLogin])].filter(
    (ns) => !NOT_A_XEP.has(ns) && !isSubFeature(ns) && !xepOfEvidence(`feature:${ns}`) && !xepOfEvidence(`stream:${ns}`),
  );
  if (unknown.length) out.push({ level: "hint", subject: "features", message: `the server also advertises ${unknown.sort().join(", ")} (no XEP known to verify-server)` });
  return xeps;
}

/** Compares addresses without the ?join of a room and without case in the scheme and domain. */
const normal = (uri: string) => uri.replace(/\?join$/, "").toLowerCase();

/** Where the site writes the addresses of a XEP-0157 type. */
const SITE_KEYS: Record<string, string> = { admin: "params.contact.admin/email", support: "params.contact.support", security: "params.security.contact" };

function compareContacts(server: Contacts, site: Contacts, out: Finding[]): void {
  if (Object.keys(server).length === 0) {
    out.push({ level: "error", subject: "contacts", message: `the server lists no contact addresses (XEP-0157); the site shows ${Object.keys(site).join(", ")} contacts` });
    return;
  }
  for (const type of Object.keys(site)) {
    const have = new Set((server[type] ?? []).map(normal));
    const want = new Set((site[type] ?? []).map(normal));
    const missing = (site[type] ?? []).filter((u) => !have.has(normal(u)));
    const extra = (server[type] ?? []).filter((u) => !want.has(normal(u)));
    if (missing.length || extra.length) {
      const parts = [
        ...(missing.length ? [`the site shows ${missing.join(", ")} (hugo.toml ${SITE_KEYS[type]}), the server does not list ${missing.length > 1 ? "them" : "it"}`] : []),
        ...(extra.length ? [`the server lists ${extra.join(", ")}, the site does not`] : []),
      ];
      out.push({ level: "error", subject: `contacts.${type}`, message: `${type}-addresses differ: ${parts.join("; ")}` });
    }
  }
  for (const type of Object.keys(server)) {
    if (!(type in site)) out.push({ level: "hint", subject: `contacts.${type}`, message: `the server lists ${type}-addresses ${(server[type] ?? []).join(", ")}; the site shows no ${type} contact` });
  }
}

const mib = (bytes: number) => `${bytes} bytes (${Number.isInteger(bytes / MIB) ? bytes / MIB : (bytes / MIB).toFixed(2)} MiB)`;

function compareUpload(f: ServerFacts, c: SiteClaims, out: Finding[]): void {
  if (!f.upload) return; // no upload service: the XEP-0363 claim (if any) is the error
  const server = f.upload.maxFileSize; // undefined: no limit stated
  if (c.uploadMaxFileSize === undefined) {
    out.push({
      level: "note",
      subject: "upload",
      message: `the server (${f.upload.jid}) allows ${server === undefined ? "files of any size" : mib(server)} per file; hugo.toml has no params.provider.maximumHttpFileUploadFileSize to compare`,
    });
  } else {
    const site = c.uploadMaxFileSize === 0 ? undefined : c.uploadMaxFileSize;
    if (site !== server) {
      out.push({
        level: "error",
        subject: "upload",
        message: `max-file-size differs: the server (${f.upload.jid}) allows ${server === undefined ? "files of any size (no max-file-size)" : mib(server)} per file, hugo.toml params.provider.maximumHttpFileUploadFileSize says ${site === undefined ? "no limit (0)" : `${c.uploadMaxFileSize / MIB} MiB`}`,
      });
    }
  }
  const total = c.provider.maximumHttpFileUploadTotalSize;
  if (server !== undefined && total > 0 && server > total * MIB) {
    out.push({ level: "error", subject: "upload", message: `the server allows ${mib(server)} per file, more than the provider file's maximumHttpFileUploadTotalSize of ${total} MB per user` });
  }
}

export function compare(f: ServerFacts, c: SiteClaims, a: Access): Outcome {
  const findings: Finding[] = [];
  if (f.domain !== c.domain) findings.push({ level: "error", subject: "domain", message: `connected to ${f.domain}, but hugo.toml params.xmpp.domain is ${c.domain}` });
  const xeps = compareXeps(f, c, a, findings);
  compareContacts(f.contacts, c.contacts, findings);
  compareUpload(f, c, findings);
  const p = c.provider;
  findings.push({
    level: "note",
    subject: "provider",
    message: `not stated by the server, so not compared: the provider file's maximumHttpFileUploadTotalSize (${p.maximumHttpFileUploadTotalSize}), maximumHttpFileUploadStorageTime (${p.maximumHttpFileUploadStorageTime}), maximumMessageArchiveManagementStorageTime (${p.maximumMessageArchiveManagementStorageTime})`,
  });
  const order: Record<Level, number> = { error: 0, warning: 1, hint: 2, note: 3 };
  findings.sort((x, y) => order[x.level] - order[y.level]);
  return { findings, xeps };
}
