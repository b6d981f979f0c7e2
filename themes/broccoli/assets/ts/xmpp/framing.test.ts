import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, serialize } from "./xml.ts";
import { openFrame, closeFrame, classify, registrationFeatures, iq } from "./framing.ts";
import { el } from "./xml.ts";

test("open and close frames are RFC 7395's", () => {
  assert.equal(serialize(openFrame("magicbroccoli.de")), `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="magicbroccoli.de" version="1.0"/>`);
  assert.equal(serialize(openFrame("example.org", "de")), `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="example.org" version="1.0" xml:lang="de"/>`);
  assert.equal(serialize(closeFrame()), `<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
});

test("classifies Prosody's frames", () => {
  const open = classify(parse("<open from='magicbroccoli.de' xml:lang='en' version='1.0' xmlns='urn:ietf:params:xml:ns:xmpp-framing' id='abc'/>"));
  assert.deepEqual(open, { kind: "open", from: "magicbroccoli.de", id: "abc" });
  const err = classify(
    parse(
      "<stream:error xmlns:stream='http://etherx.jabber.org/streams'><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>no</text></stream:error>",
    ),
  );
  assert.deepEqual(err, { kind: "stream-error", condition: "host-unknown", text: "no" });
  assert.equal(classify(parse("<iq xmlns='jabber:client' type='result' id='1'/>")).kind, "iq");
  assert.deepEqual(classify(parse("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing' see-other-uri='wss://x/'/>")), { kind: "close", seeOtherUri: "wss://x/" });
});

test("registration features: open registration, invitations only, none", () => {
  const withAll = parse(
    "<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><register xmlns='urn:xmpp:ibr-token:0'/><register xmlns='http://jabber.org/features/iq-register'/></stream:features>",
  );
  assert.deepEqual(registrationFeatures(withAll), { register: true, preauth: true });
  const closed = parse("<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/></stream:features>");
  assert.deepEqual(registrationFeatures(closed), { register: false, preauth: false });
});

test("iq envelope", () => {
  assert.equal(serialize(iq("get", "r1", el("query", { xmlns: "jabber:iq:register" }))), `<iq xmlns="jabber:client" type="get" id="r1"><query xmlns="jabber:iq:register"/></iq>`);
});
