// What verify-server asks the server, and how it reads the answers:
//   disco#info and disco#items of the domain, disco#info of every item (components) and of the account;
//   the contact addresses (XEP-0157, the serverinfo form of the domain's disco#info);
//   the software version (XEP-0092);
//   the upload component and its max-file-size (XEP-0363);
//   registration (XEP-0077: the stream feature before login, the jabber:iq:register feature).
// The parsers are pure (XEl in, facts out); readServer runs the queries over a Session.
import { child, children, type XEl } from "../../themes/broccoli/assets/ts/xmpp/xml.ts";
import { parseForm, NS_DATA, type DataForm } from "../../themes/broccoli/assets/ts/xmpp/dataform.ts";
import type { Session } from "./session.ts";
import type { Contacts } from "./claims.ts";

export const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";
export const NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
export const NS_VERSION = "jabber:iq:version";
export const NS_UPLOAD = "urn:xmpp:http:upload:0";
export const NS_SERVERINFO = "http://jabber.org/network/serverinfo";
export const NS_FEATURE_REGISTER = "http://jabber.org/features/iq-register";

export interface Identity {
  category: string;
  type: string;
  name?: string;
}

export interface DiscoInfo {
  identities: Identity[];
  features: string[];
  /** extended information (XEP-0128) */
  forms: DataForm[];
}

export interface Component {
  jid: string;
  name?: string;
  /** undefined when the component did not answer disco#info (then `error` says why) */
  info?: DiscoInfo;
  error?: string;
}

export interface ServerFacts {
  domain: string;
  /** the account's bare JID */
  account: string;
  /** the namespaces of the stream features, before and after login */
  streamFeatures: { beforeLogin: string[]; afterLogin: string[] };
  domainInfo: DiscoInfo;
  accountInfo?: DiscoInfo;
  components: Component[];
  version?: { name: string; version: string; os?: string };
  /** XEP-0157: address type ("admin", "support", ...) -> URIs; {} when the server lists none */
  contacts: Contacts;
  /** XEP-0363: the first component that offers upload; maxFileSize in bytes, undefined = no limit stated */
  upload?: { jid: string; maxFileSize?: number };
  registration: { streamFeature: boolean; iqRegister: boolean };
}

/** The query element of an iq result (or undefined). */
function query(iq: XEl, ns: string): XEl | undefined {
  return child(iq, "query", ns);
}

export function parseDiscoInfo(iq: XEl): DiscoInfo {
  const q = query(iq, NS_DISCO_INFO);
  return {
    identities: children(q, "identity", NS_DISCO_INFO).map((i) => ({
      category: i.attrs.category ?? "",
      type: i.attrs.type ?? "",
      ...(i.attrs.name ? { name: i.attrs.name } : {}),
    })),
    features: [...new Set(children(q, "feature", NS_DISCO_INFO).map((f) => f.attrs.var ?? ""))].filter(Boolean),
    forms: children(q, "x", NS_DATA).map(parseForm),
  };
}

export function parseDiscoItems(iq: XEl): { jid: string; name?: string }[] {
  return children(query(iq, NS_DISCO_ITEMS), "item", NS_DISCO_ITEMS)
    .filter((i) => i.attrs.jid && !i.attrs.node)
    .map((i) => ({ jid: i.attrs.jid as string, ...(i.attrs.name ? { name: i.attrs.name } : {}) }));
}

export function parseVersion(iq: XEl): ServerFacts["version"] {
  const q = query(iq, NS_VERSION);
  const t = (n: string) =>
    (child(q, n, NS_VERSION)?.children ?? [])
      .filter((c): c is string => typeof c === "string")
      .join("")
      .trim();
  if (!q || !t("name")) return undefined;
  return { name: t("name"), version: t("version"), ...(t("os") ? { os: t("os") } : {}) };
}

/** The form of an entity with this FORM_TYPE, if it has one. */
export function formOfType(info: DiscoInfo | undefined, formType: string): DataForm | undefined {
  return info?.forms.find((f) => f.formType === formType);
}

/** XEP-0157: the serverinfo form's "<type>-addresses" fields, as type -> URIs (empty fields left out). */
export function contactsOf(info: DiscoInfo): Contacts {
  const form = formOfType(info, NS_SERVERINFO);
  const out: Contacts = {};
  for (const f of form?.fields ?? []) {
    const m = /^(.+)-addresses$/.exec(f.var);
    const values = f.values.map((v) => v.trim()).filter(Boolean);
    if (m && values.length) out[m[1] as string] = values;
  }
  return out;
}

/** XEP-0363: max-file-size of an upload service's form, in bytes; undefined when it states none. */
export function maxFileSizeOf(info: DiscoInfo): number | undefined {
  const v = formOfType(info, NS_UPLOAD)?.fields.find((f) => f.var === "max-file-size")?.values[0];
  if (v === undefined || !/^\d+$/.test(v.trim())) return undefined;
  return Number(v.trim());
}

/** The namespaces of a stream:features element's children (e.g. urn:xmpp:sm:3, the caps namespace). */
export function streamFeatureNamespaces(features: XEl | undefined): string[] {
  return [...new Set(children(features).map((c) => c.ns))].filter(Boolean);
}

/** The message of a failed query, for a component that did not answer. */
const why = (e: unknown) => String((e as { message?: string })?.message ?? e).split("\n")[0] as string;

/** Runs every query over the session and gathers the facts. */
export async function readServer(session: Session, domain: string): Promise<ServerFacts> {
  const account = session.jid.split("/")[0] as string;
  const domainInfo = parseDiscoInfo(await session.get(domain, { name: "query", xmlns: NS_DISCO_INFO }));
  const items = parseDiscoItems(await session.get(domain, { name: "query", xmlns: NS_DISCO_ITEMS }));
  const components: Component[] = [];
  for (const item of items) {
    try {
      components.push({ ...item, info: parseDiscoInfo(await session.get(item.jid, { name: "query", xmlns: NS_DISCO_INFO })) });
    } catch (e) {
      components.push({ ...item, error: why(e) });
    }
  }
  let accountInfo: DiscoInfo | undefined;
  try {
    accountInfo = parseDiscoInfo(await session.get(account, { name: "query", xmlns: NS_DISCO_INFO }));
  } catch {
    accountInfo = undefined;
  }
  let version: ServerFacts["version"];
  if (domainInfo.features.includes(NS_VERSION)) {
    try {
      version = parseVersion(await session.get(domain, { name: "query", xmlns: NS_VERSION }));
    } catch {
      version = undefined;
    }
  }
  const uploader = components.find((c) => c.info?.features.includes(NS_UPLOAD));
  const upload = uploader?.info ? { jid: uploader.jid, ...(maxFileSizeOf(uploader.info) !== undefined ? { maxFileSize: maxFileSizeOf(uploader.info) as number } : {}) } : undefined;
  const before = streamFeatureNamespaces(session.streamFeatures.beforeLogin);
  return {
    domain,
    account,
    streamFeatures: { beforeLogin: before, afterLogin: streamFeatureNamespaces(session.streamFeatures.afterLogin) },
    domainInfo,
    ...(accountInfo ? { accountInfo } : {}),
    components,
    ...(version ? { version } : {}),
    contacts: contactsOf(domainInfo),
    ...(upload ? { upload } : {}),
    registration: { streamFeature: before.includes(NS_FEATURE_REGISTER), iqRegister: domainInfo.features.includes("jabber:iq:register") },
  };
}
