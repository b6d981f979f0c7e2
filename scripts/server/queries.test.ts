import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDiscoInfo, parseDiscoItems, parseVersion, contactsOf, maxFileSizeOf, streamFeatureNamespaces } from "./queries.ts";
import { DOMAIN_INFO, UPLOAD_INFO, ITEMS, VERSION, FEATURES_BEFORE } from "./fixtures.test-data.ts";
import { parse } from "../../themes/broccoli/assets/ts/xmpp/xml.ts";

test("disco#info: identities, features and the XEP-0128 forms", () => {
  const info = parseDiscoInfo(DOMAIN_INFO);
  assert.deepEqual(info.identities, [
    { category: "server", type: "im", name: "Prosody" },
    { category: "pubsub", type: "pep", name: "Prosody" },
  ]);
  assert.deepEqual(info.features, ["http://jabber.org/protocol/disco#info", "urn:xmpp:carbons:2", "jabber:iq:version", "urn:xmpp:ping", "urn:xmpp:example:unknown"]);
  assert.equal(info.forms[0]?.formType, "http://jabber.org/network/serverinfo");
});

test("disco#items: the components, not the nodes", () => {
  assert.deepEqual(parseDiscoItems(ITEMS), [{ jid: "upload.example.org", name: "HTTP File Upload" }, { jid: "chat.example.org" }]);
});

test("XEP-0092 version, and none when the answer has no name", () => {
  assert.deepEqual(parseVersion(VERSION), { name: "Prosody", version: "0.12.3", os: "Linux" });
  assert.equal(parseVersion(parse(`<iq xmlns="jabber:client"><query xmlns="jabber:iq:version"/></iq>`)), undefined);
});

test("XEP-0157 contacts by type, XEP-0363 max-file-size in bytes", () => {
  assert.deepEqual(contactsOf(parseDiscoInfo(DOMAIN_INFO)), {
    admin: ["xmpp:op@example.org", "mailto:op@example.org"],
    support: ["xmpp:help@chat.example.org?join"],
    abuse: ["mailto:abuse@example.org"],
  });
  assert.equal(maxFileSizeOf(parseDiscoInfo(UPLOAD_INFO)), 10485760);
  assert.equal(maxFileSizeOf(parseDiscoInfo(DOMAIN_INFO)), undefined);
});

test("stream features: the namespaces of the children", () => {
  assert.deepEqual(streamFeatureNamespaces(FEATURES_BEFORE), ["http://jabber.org/features/iq-register", "urn:ietf:params:xml:ns:xmpp-sasl"]);
  assert.deepEqual(streamFeatureNamespaces(undefined), []);
});
