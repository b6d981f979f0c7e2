import { test } from "node:test";
import assert from "node:assert/strict";
import { CATALOGUE, xepOfEvidence, isSubFeature, NOT_A_XEP } from "./catalogue.ts";

test("every XEP has a name and evidence; no namespace is both a XEP's and 'not a XEP'", () => {
  for (const [n, x] of Object.entries(CATALOGUE)) {
    assert.match(n, /^\d{4}$/);
    assert.ok(x.name && x.evidence.length, n);
    for (const e of x.evidence) if (e.startsWith("feature:") || e.startsWith("stream:")) assert.ok(!NOT_A_XEP.has(e.slice(e.indexOf(":") + 1)), e);
  }
});

test("a namespace leads back to its XEP; pubsub parts are not hinted one by one", () => {
  assert.equal(xepOfEvidence("feature:urn:xmpp:carbons:2"), "0280");
  assert.equal(xepOfEvidence("stream:urn:xmpp:sm:3"), "0198");
  assert.equal(xepOfEvidence("feature:urn:xmpp:nothing"), undefined);
  assert.ok(isSubFeature("http://jabber.org/protocol/pubsub#publish"));
  assert.ok(!isSubFeature("urn:xmpp:carbons:2"));
});
