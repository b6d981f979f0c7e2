import { test } from "node:test";
import assert from "node:assert/strict";
import { el, serialize, parse, child, children, text, escapeText, escapeAttr, XmlError, DEFAULT_LIMITS } from "./xml.ts";

test("serializes with escaped text and attributes, self-closing when empty", () => {
  const x = el("iq", { xmlns: "jabber:client", type: "set", id: `a"'<&>` }, el("query", { xmlns: "jabber:iq:register" }, el("username", {}, "a<b&c>"), el("password")));
  assert.equal(serialize(x), `<iq xmlns="jabber:client" type="set" id="a&quot;&apos;&lt;&amp;&gt;"><query xmlns="jabber:iq:register"><username>a&lt;b&amp;c&gt;</username><password/></query></iq>`);
});

test("undefined attributes and null children are left out", () => {
  assert.equal(serialize(el("open", { to: "x", lang: undefined }, null, false)), `<open to="x"/>`);
});

test("parses a real Prosody features frame with a prefixed root and resolves namespaces", () => {
  const f = parse(
    "<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><register xmlns='urn:xmpp:ibr-token:0'/><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism></mechanisms><register xmlns='http://jabber.org/features/iq-register'/></stream:features>",
  );
  assert.equal(f.name, "features");
  assert.equal(f.ns, "http://etherx.jabber.org/streams");
  assert.equal(children(f, "register").length, 2);
  assert.ok(child(f, "register", "http://jabber.org/features/iq-register"));
  const mech = child(f, "mechanisms", "urn:ietf:params:xml:ns:xmpp-sasl");
  assert.equal(text(child(mech, "mechanism")), "SCRAM-SHA-1");
  // default namespace is inherited by unqualified children
  assert.equal(child(mech, "mechanism")?.ns, "urn:ietf:params:xml:ns:xmpp-sasl");
});

test("round trip: parse(serialize(x)) keeps names, attributes and text (entities included)", () => {
  const x = el("message", { xmlns: "jabber:client", to: "a@b" }, el("body", {}, `5 < 6 & "x" 'y'`));
  const back = parse(serialize(x));
  assert.equal(back.attrs.to, "a@b");
  assert.equal(text(child(back, "body")), `5 < 6 & "x" 'y'`);
  assert.equal(text(parse("<a>&#x41;&#66;&lt;</a>")), "AB<");
});

test("rejects what is not one well-formed element", () => {
  for (const bad of ["", "<a>", "<a></b>", "<a/><b/>", "<a x='1' x='2'/>", "<p:a/>", "<a><!-- c --></a>", "<a>&nope;</a>", "text"]) {
    assert.throws(() => parse(bad), XmlError, bad);
  }
});

test("accepts an XML declaration and whitespace around the root", () => {
  const x = parse(`<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n  <Link rel="r" href="h"/>\n</XRD>\n`);
  assert.equal(x.name, "XRD");
  assert.equal(children(x, "Link")[0]?.attrs.href, "h");
});

// A frame that declares many namespace prefixes on its root and uses them in many children: the
// parser used to copy every prefix into every element (quadratic: 0.41 MB took minutes).
function prefixHeavy(prefixes: number, childCount: number): string {
  const decls = Array.from({ length: prefixes }, (_, n) => ` xmlns:p${n}='urn:x:${n}'`).join("");
  const kids = Array.from({ length: childCount }, (_, n) => `<p${n % prefixes}:c/>`).join("");
  return `<r xmlns='jabber:client'${decls}>${kids}</r>`;
}

test("a namespace-heavy frame just under the size limit parses, every child in its namespace", { timeout: 30_000 }, () => {
  const frame = prefixHeavy(5000, 14000);
  assert.ok(frame.length > 240_000 && frame.length <= DEFAULT_LIMITS.maxChars, String(frame.length));
  const r = parse(frame);
  const kids = children(r);
  assert.equal(kids.length, 14000);
  assert.equal(kids[13999]?.ns, "urn:x:3999");
  assert.equal(kids[4999]?.ns, "urn:x:4999");
});

test("a 400 KB namespace-heavy frame is refused as a policy violation (over the size limit)", { timeout: 30_000 }, () => {
  const frame = prefixHeavy(10000, 20000);
  assert.ok(frame.length > 400_000, String(frame.length));
  assert.throws(
    () => parse(frame),
    (e: unknown) => e instanceof XmlError && e.condition === "policy-violation" && /over the limit/.test(e.message),
  );
});

test("nesting deeper than the limit is refused as a policy violation, not a stack overflow", () => {
  const deep = (n: number) => "<a>".repeat(n) + "</a>".repeat(n);
  assert.equal(children(parse(deep(DEFAULT_LIMITS.maxDepth))).length, 1);
  for (const n of [DEFAULT_LIMITS.maxDepth + 1, 30_000]) {
    assert.throws(
      () => parse(deep(n)),
      (e: unknown) => e instanceof XmlError && e.condition === "policy-violation" && /nested deeper than/.test(e.message),
    );
  }
  assert.throws(
    () => parse("<a><b/></a>", { maxChars: 100, maxDepth: 1 }),
    (e: unknown) => e instanceof XmlError && e.condition === "policy-violation",
  );
});

test("attribute and prefix names that are also names of Object.prototype are ordinary names", () => {
  const a = parse("<a toString='1' valueOf='2' constructor='3' __proto__='4' hasOwnProperty='5'/>");
  assert.equal(a.attrs.toString, "1");
  assert.equal(a.attrs.constructor, "3");
  assert.equal(a.attrs["__proto__"], "4");
  assert.deepEqual(Object.keys(a.attrs), ["toString", "valueOf", "constructor", "__proto__", "hasOwnProperty"]);
  assert.equal(parse("<a/>").attrs.toString, undefined);
  assert.throws(() => parse("<a toString='1' toString='2'/>"), XmlError);
  // an undeclared prefix named like a prototype member is undeclared, not a function
  for (const p of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
    assert.throws(
      () => parse(`<${p}:a/>`),
      (e: unknown) => e instanceof XmlError && /undeclared prefix/.test(e.message),
      p,
    );
  }
  assert.equal(parse("<constructor:a xmlns:constructor='urn:c'/>").ns, "urn:c");
  assert.throws(() => parse("<a>&constructor;</a>"), XmlError);
  assert.equal(el("x", { toString: "y" }).attrs.toString, "y");
});

test("characters XML forbids: never written by escapeText, refused when parsed", () => {
  const forbidden = ["\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u000e", "\u001f", "\ufffe", "\uffff", "\ud800", "\udfff"];
  for (const ch of forbidden) {
    const out = serialize(el("password", {}, `a${ch}b`));
    assert.equal(out, "<password>ab</password>", JSON.stringify(ch));
    assert.equal(escapeAttr(`a${ch}b`), "ab");
    assert.throws(
      () => parse(`<a>x${ch}</a>`),
      (e: unknown) => e instanceof XmlError && e.condition === "not-well-formed",
      JSON.stringify(ch),
    );
  }
  // tab, newline, carriage return and a character outside the BMP (a surrogate pair) are fine
  assert.equal(escapeText("a\tb\nc\rd🥦"), "a\tb\nc\rd🥦");
  assert.equal(text(parse("<a>🥦</a>")), "🥦");
  for (const ref of ["&#0;", "&#x1;", "&#xD800;", "&#xFFFE;", "&#x110000;"]) {
    assert.throws(() => parse(`<a>${ref}</a>`), XmlError, ref);
  }
});

test("errors keep their stream error condition", () => {
  assert.throws(
    () => parse("<a></b>"),
    (e: unknown) => e instanceof XmlError && e.condition === "not-well-formed",
  );
  assert.throws(
    () => parse("<a><!-- c --></a>"),
    (e: unknown) => e instanceof XmlError && e.condition === "restricted-xml",
  );
});
