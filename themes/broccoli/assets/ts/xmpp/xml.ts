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

export function el(name: string, attrs: Record<string, string | undefined> = {}, ...children: Array<XNode | null | undefined | false>): XEl {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) a[k] = v;
  const ns = a.xmlns ?? "";
  return { name, ns, attrs: a, children: children.filter((c): c is XNode => c !== null && c !== undefined && c !== false) };
}

export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlError";
  }
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, ent: string) => {
    if (ent.startsWith("#x")) return String.fromCodePoint(parseInt(ent.slice(2), 16));
    if (ent.startsWith("#")) return String.fromCodePoint(parseInt(ent.slice(1), 10));
    const v = ENTITIES[ent];
    if (v === undefined) throw new XmlError(`unknown entity ${m}`);
    return v;
  });
}

const NAME = /[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?/y;
const ATTR = /\s+([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

/** Parses one complete element (an optional XML declaration and surrounding whitespace allowed). */
export function parse(text: string): XEl {
  let i = 0;
  const fail = (msg: string): never => {
    throw new XmlError(`${msg} at ${i}`);
  };
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

  const element = (scope: Record<string, string>): XEl => {
    if (text[i] !== "<") fail("expected <");
    i += 1;
    const qname = readName();
    const attrs: Record<string, string> = {};
    for (;;) {
      ATTR.lastIndex = i;
      const m = ATTR.exec(text);
      if (!m) break;
      const key = m[1] as string;
      if (key in attrs) fail(`duplicate attribute ${key}`);
      attrs[key] = unescapeXml(m[2] ?? m[3] ?? "");
      i = ATTR.lastIndex;
    }
    skipSpace();
    const inner: Record<string, string> = { ...scope };
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "xmlns") inner[""] = v;
      else if (k.startsWith("xmlns:")) inner[k.slice(6)] = v;
    }
    const colon = qname.indexOf(":");
    const prefix = colon >= 0 ? qname.slice(0, colon) : "";
    const name = colon >= 0 ? qname.slice(colon + 1) : qname;
    const ns = inner[prefix];
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
      if (text.startsWith("<!", i) || text.startsWith("<?", i)) fail("comments, CDATA, DTDs and PIs are not allowed in XMPP");
      node.children.push(element(inner));
    }
  };

  const root = element({ "": "", xml: "http://www.w3.org/XML/1998/namespace" });
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
