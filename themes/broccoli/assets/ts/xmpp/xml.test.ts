import { test } from "node:test";
import assert from "node:assert/strict";
import { el, serialize, parse, child, children, text, XmlError } from "./xml.ts";

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
