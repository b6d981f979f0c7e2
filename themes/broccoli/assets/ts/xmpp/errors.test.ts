import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "./xml.ts";
import { stanzaError, streamError, StanzaError, StreamError, ConnectionError } from "./errors.ts";

test("stanza errors: condition, type and the server's text", () => {
  const e = stanzaError(
    parse(
      "<iq xmlns='jabber:client' type='error' id='s2'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The requested username already exists.</text></error></iq>",
    ),
  );
  assert.deepEqual(e, { condition: "conflict", type: "cancel", text: "The requested username already exists." });
  assert.equal(stanzaError(parse("<iq type='error' id='x'/>")).condition, "undefined-condition");
});

test("stream errors: the RFC 6120 4.9.3 condition and the server's text", () => {
  const frame = (inner: string) => parse(`<stream:error xmlns:stream='http://etherx.jabber.org/streams'>${inner}</stream:error>`);
  const ns = "xmlns='urn:ietf:params:xml:ns:xmpp-streams'";
  for (const cond of ["not-well-formed", "policy-violation", "host-unknown", "system-shutdown"]) {
    assert.deepEqual(streamError(frame(`<${cond} ${ns}/>`)), { condition: cond, text: "" });
  }
  assert.deepEqual(streamError(frame(`<text ${ns}>bye</text><connection-timeout ${ns}/>`)), { condition: "connection-timeout", text: "bye" });
  assert.equal(streamError(frame("")).condition, "undefined-condition");
  // a stanza-error condition inside a stream error is not one of the stream's
  assert.equal(streamError(frame("<conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>")).condition, "undefined-condition");
});

test("the error classes keep the condition, and tell apart what failed", () => {
  const stanza = new StanzaError({ condition: "conflict", type: "cancel", text: "taken" });
  assert.deepEqual([stanza.condition, stanza.type, stanza.text, stanza.message], ["conflict", "cancel", "taken", "conflict: taken"]);
  const stream = new StreamError({ condition: "policy-violation", text: "" });
  assert.deepEqual([stream.condition, stream.message], ["policy-violation", "stream error policy-violation"]);
  assert.equal(new ConnectionError("timeout", "slow").failure, "timeout");
  assert.ok(stanza instanceof Error && stream instanceof Error);
  assert.ok(!(stream instanceof ConnectionError) && !(stanza instanceof StreamError));
});

test("StanzaError carries the condition", () => {
  assert.equal(new StanzaError({ condition: "conflict", type: "cancel", text: "" }).condition, "conflict");
});
