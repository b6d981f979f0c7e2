// A tiny XML element model for XMPP frames: build, serialize, and parse one complete element.
// RFC 7395 puts exactly one well-formed element into each WebSocket message, and XMPP forbids
// comments, processing instructions and DTDs in streams, so a strict small parser suffices.
// (ltx would add ~4.6 KB gzip to the bundle; DOMParser would leave the parsing untestable in Node.)

export interface XEl {
  /** local name, without prefix */
  name: string;
  /** resolved namespace URI ("" when none) */
  ns: string;
  /** attributes as written (namespace declarations included) */
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XEl | string;

/** An attribute table without a prototype: a key such as "toString" or "__proto__" is just a key. */
function attrTable(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

export function el(name: string, attrs: Record<string, string | undefined> = {}, ...children: Array<XNode | null | undefined | false>): XEl {
  const a = attrTable();
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) a[k] = v;
  const ns = a.xmlns ?? "";
  return { name, ns, attrs: a, children: children.filter((c): c is XNode => c !== null && c !== undefined && c !== false) };
}

/**
 * Characters XML 1.0 (section 2.2, Char) does not allow anywhere in a document, escaped or not: the C0
 * controls except tab, line feed and carriage return, U+FFFE, U+FFFF and UTF-16 surrogates that are not
 * part of a pair. A server closes the stream as not-well-formed when one arrives (Prosody does).
 */
// (with the u flag a surrogate range matches only surrogates that are not part of a pair)
export const XML_FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;
const XML_FORBIDDEN_CHARS = new RegExp(XML_FORBIDDEN_CHAR.source, "gu");

/**
 * Text escaped for element content. Characters XML 1.0 forbids cannot be written at all (not even as
 * character references), so they are dropped: what is sent is always well-formed. Forms refuse them
 * before anything is sent (register/validate.ts), so dropping only ever meets input nobody checked.
 */
export function escapeText(s: string): string {
  return s.replace(XML_FORBIDDEN_CHARS, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

export function serialize(node: XNode): string {
  if (typeof node === "string") return escapeText(node);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join("");
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${node.children.map(serialize).join("")}</${node.name}>`;
}

/**
 * A frame that cannot be read, with the RFC 6120 (4.9.3) stream error condition that fits it:
 * "not-well-formed" for broken XML, "restricted-xml" for comments, CDATA, DTDs and processing
 * instructions, "policy-violation" for a frame over the size or depth limit.
 */
export class XmlError extends Error {
  readonly condition: string;
  constructor(message: string, condition = "not-well-formed") {
    super(message);
    this.name = "XmlError";
    this.condition = condition;
  }
}

const ENTITIES: ReadonlyMap<string, string> = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);

/** A character reference's character, if XML 1.0 allows it (no NUL, no controls, no surrogates, at most U+10FFFF). */
function charRef(code: number, m: string): string {
  const ch = code <= 0x10ffff ? String.fromCodePoint(code) : "";
  if (ch === "" || XML_FORBIDDEN_CHAR.test(ch)) throw new XmlError(`character reference ${m} names a character XML does not allow`);
  return ch;
}

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, ent: string) => {
    if (ent.startsWith("#x")) return charRef(parseInt(ent.slice(2), 16), m);
    if (ent.startsWith("#")) return charRef(parseInt(ent.slice(1), 10), m);
    const v = ENTITIES.get(ent);
    if (v === undefined) throw new XmlError(`unknown entity ${m}`);
    return v;
  });
}

const NAME = /[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?/y;
const ATTR = /\s+([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

export interface ParseLimits {
  /** the longest text accepted, in UTF-16 code units */
  maxChars: number;
  /** the deepest nesting accepted (the root element is depth 1) */
  maxDepth: number;
}

/**
 * The limits parse() applies unless told otherwise: Prosody's own cap on a stanza
 * (c2s_stanza_size_limit, 256 KiB; a frame of 256 KiB has at most as many UTF-16 code units), and a
 * depth far beyond any stanza a registration or login meets, so a hostile frame cannot exhaust the stack.
 */
export const DEFAULT_LIMITS: ParseLimits = { maxChars: 256 * 1024, maxDepth: 64 };

/**
 * Namespace declarations in scope: each element's own declarations (null when it has none) and a link
 * to its parent's scope. A prefix is looked up along the chain, so nothing is copied per element and
 * parsing stays linear however many prefixes a frame declares.
 */
interface Scope {
  readonly decls: ReadonlyMap<string, string> | null;
  readonly parent: Scope | null;
}

function lookup(scope: Scope | null, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) {
    const ns = s.decls?.get(prefix);
    if (ns !== undefined) return ns;
  }
  return undefined;
}

const ROOT_SCOPE: Scope = {
  decls: new Map([
    ["", ""],
    ["xml", "http://www.w3.org/XML/1998/namespace"],
  ]),
  parent: null,
};

/**
 * Parses one complete element (an optional XML declaration and surrounding whitespace allowed).
 * Throws XmlError (with its stream error condition) for anything else, and for a frame over the limits.
 */
export function parse(text: string, limits: ParseLimits = DEFAULT_LIMITS): XEl {
  if (text.length > limits.maxChars) throw new XmlError(`frame of ${text.length} characters is over the limit of ${limits.maxChars}`, "policy-violation");
  let i = 0;
  const fail = (msg: string, condition?: string): never => {
    throw new XmlError(`${msg} at ${i}`, condition);
  };
  const bad = XML_FORBIDDEN_CHAR.exec(text);
  if (bad) {
    i = bad.index;
    fail(`character U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`);
  }
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i += 1;
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) return fail("expected a name");
    i = NAME.lastIndex;
    return m[0];
  };

  skipSpace();
  if (text.startsWith("<?xml", i)) {
    const end = text.indexOf("?>", i);
    if (end < 0) fail("unterminated XML declaration");
    i = end + 2;
    skipSpace();
  }

  const element = (scope: Scope, depth: number): XEl => {
    if (depth > limits.maxDepth) fail(`elements nested deeper than ${limits.maxDepth}`, "policy-violation");
    if (text[i] !== "<") fail("expected <");
    i += 1;
    const qname = readName();
    const attrs = attrTable();
    let decls: Map<string, string> | null = null;
    for (;;) {
      ATTR.lastIndex = i;
      const m = ATTR.exec(text);
      if (!m) break;
      const key = m[1] as string;
      if (Object.prototype.hasOwnProperty.call(attrs, key)) fail(`duplicate attribute ${key}`);
      const value = unescapeXml(m[2] ?? m[3] ?? "");
      attrs[key] = value;
      if (key === "xmlns") (decls ??= new Map()).set("", value);
      else if (key.startsWith("xmlns:")) (decls ??= new Map()).set(key.slice(6), value);
      i = ATTR.lastIndex;
    }
    skipSpace();
    const inner: Scope = decls ? { decls, parent: scope } : scope;
    const colon = qname.indexOf(":");
    const prefix = colon >= 0 ? qname.slice(0, colon) : "";
    const name = colon >= 0 ? qname.slice(colon + 1) : qname;
    const ns = lookup(inner, prefix);
    if (ns === undefined) fail(`undeclared prefix ${prefix}`);
    const node: XEl = { name, ns: ns ?? "", attrs, children: [] };
    if (text.startsWith("/>", i)) {
      i += 2;
      return node;
    }
    if (text[i] !== ">") fail("expected > or />");
    i += 1;
    for (;;) {
      const lt = text.indexOf("<", i);
      if (lt < 0) fail(`unclosed <${qname}>`);
      if (lt > i) node.children.push(unescapeXml(text.slice(i, lt)));
      i = lt;
      if (text.startsWith("</", i)) {
        i += 2;
        const close = readName();
        if (close !== qname) fail(`</${close}> closes <${qname}>`);
        skipSpace();
        if (text[i] !== ">") fail("expected >");
        i += 1;
        return node;
      }
      if (text.startsWith("<!", i) || text.startsWith("<?", i)) fail("comments, CDATA, DTDs and PIs are not allowed in XMPP", "restricted-xml");
      node.children.push(element(inner, depth + 1));
    }
  };

  const root = element(ROOT_SCOPE, 1);
  skipSpace();
  if (i !== text.length) fail("content after the root element");
  return root;
}

/** The first child element with this name (and namespace, when given). */
export function child(node: XEl | undefined, name: string, ns?: string): XEl | undefined {
  return node?.children.find((c): c is XEl => typeof c !== "string" && c.name === name && (ns === undefined || c.ns === ns));
}

export function children(node: XEl | undefined, name?: string, ns?: string): XEl[] {
  if (!node) return [];
  return node.children.filter((c): c is XEl => typeof c !== "string" && (name === undefined || c.name === name) && (ns === undefined || c.ns === ns));
}

export function text(node: XEl | undefined): string {
  if (!node) return "";
  return node.children.map((c) => (typeof c === "string" ? c : text(c))).join("");
}
