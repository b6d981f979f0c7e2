// Answers as Prosody 0.12 sends them (trimmed), shared by the unit tests of scripts/server/.
import { parse } from "../../themes/broccoli/assets/ts/xmpp/xml.ts";
import type { ServerFacts } from "./queries.ts";

export const DOMAIN_INFO = parse(`<iq type="result" from="example.org" xmlns="jabber:client"><query xmlns="http://jabber.org/protocol/disco#info">
<identity category="server" type="im" name="Prosody"/><identity category="pubsub" type="pep" name="Prosody"/>
<feature var="http://jabber.org/protocol/disco#info"/><feature var="urn:xmpp:carbons:2"/><feature var="jabber:iq:version"/><feature var="urn:xmpp:ping"/><feature var="urn:xmpp:example:unknown"/>
<x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>http://jabber.org/network/serverinfo</value></field>
<field var="admin-addresses" type="list-multi"><value>xmpp:op@example.org</value><value>mailto:op@example.org</value></field>
<field var="support-addresses" type="list-multi"><value>xmpp:help@chat.example.org?join</value></field>
<field var="abuse-addresses" type="list-multi"><value>mailto:abuse@example.org</value></field></x>
</query></iq>`);

export const UPLOAD_INFO = parse(`<iq type="result" from="upload.example.org" xmlns="jabber:client"><query xmlns="http://jabber.org/protocol/disco#info">
<identity category="store" type="file" name="HTTP File Upload"/><feature var="urn:xmpp:http:upload:0"/>
<x xmlns="jabber:x:data" type="result"><field var="FORM_TYPE" type="hidden"><value>urn:xmpp:http:upload:0</value></field><field var="max-file-size" type="text-single"><value>10485760</value></field></x>
</query></iq>`);

export const ITEMS = parse(`<iq type="result" xmlns="jabber:client"><query xmlns="http://jabber.org/protocol/disco#items">
<item jid="upload.example.org" name="HTTP File Upload"/><item jid="chat.example.org"/><item jid="example.org" node="commands"/></query></iq>`);

export const VERSION = parse(`<iq type="result" xmlns="jabber:client"><query xmlns="jabber:iq:version"><name>Prosody</name><version>0.12.3</version><os>Linux</os></query></iq>`);

export const FEATURES_BEFORE = parse(
  `<stream:features xmlns:stream="http://etherx.jabber.org/streams" xmlns="jabber:client"><register xmlns="http://jabber.org/features/iq-register"/><mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>`,
);

/** A small server's facts: carbons, version, ping, upload with 10 MiB, contacts admin/support/abuse. */
export function facts(over: Partial<ServerFacts> = {}): ServerFacts {
  return {
    domain: "example.org",
    account: "me@example.org",
    streamFeatures: { beforeLogin: ["http://jabber.org/features/iq-register"], afterLogin: ["urn:xmpp:sm:3"] },
    domainInfo: { identities: [{ category: "server", type: "im" }], features: ["http://jabber.org/protocol/disco#info", "urn:xmpp:carbons:2", "urn:xmpp:ping"], forms: [] },
    components: [{ jid: "upload.example.org", info: { identities: [], features: ["urn:xmpp:http:upload:0"], forms: [] } }],
    contacts: { admin: ["xmpp:op@example.org", "mailto:op@example.org"], support: ["xmpp:help@chat.example.org?join"], security: ["mailto:op@example.org"] },
    upload: { jid: "upload.example.org", maxFileSize: 10 * 1024 * 1024 },
    registration: { streamFeature: true, iqRegister: false },
    ...over,
  };
}
