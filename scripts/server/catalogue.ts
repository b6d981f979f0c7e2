// What verify-server knows of XEPs: for each, how a client sees that a server supports it. This is
// protocol knowledge (the namespaces the XEPs define), not a fact of the site: the site's claims are in
// data/xeps.toml. Evidence kinds:
//   feature:NS      a disco#info feature of the domain, the account or a component
//   identity:C/T    a disco#info identity (category/type) of the domain, the account or a component
//   stream:NS       a stream feature, before or after login
//   form:FORM_TYPE  an extended disco#info form (XEP-0128) of the domain
//   host-meta       the site's host-meta named the WebSocket the check connected to
//   bosh            the BOSH URL of the host-meta answers over HTTP
//   dns             seen only in DNS (SRV records): not checked over XMPP
// A XEP is supported when any one of its evidence items is seen.

export type Evidence = `feature:${string}` | `identity:${string}` | `stream:${string}` | `form:${string}` | "host-meta" | "bosh" | "dns";

export interface KnownXep {
  name: string;
  evidence: Evidence[];
}

export const CATALOGUE: Readonly<Record<string, KnownXep>> = {
  "0012": { name: "Last Activity", evidence: ["feature:jabber:iq:last"] },
  "0030": { name: "Service Discovery", evidence: ["feature:http://jabber.org/protocol/disco#info"] },
  "0033": { name: "Extended Stanza Addressing", evidence: ["feature:http://jabber.org/protocol/address"] },
  "0045": { name: "Multi-User Chat", evidence: ["feature:http://jabber.org/protocol/muc"] },
  "0049": { name: "Private XML Storage", evidence: ["feature:jabber:iq:private"] },
  "0050": { name: "Ad-Hoc Commands", evidence: ["feature:http://jabber.org/protocol/commands"] },
  "0054": { name: "vcard-temp", evidence: ["feature:vcard-temp"] },
  "0055": { name: "Jabber Search", evidence: ["feature:jabber:iq:search"] },
  "0060": { name: "Publish-Subscribe", evidence: ["identity:pubsub/service"] },
  "0065": { name: "SOCKS5 Bytestreams", evidence: ["feature:http://jabber.org/protocol/bytestreams"] },
  "0077": { name: "In-Band Registration", evidence: ["stream:http://jabber.org/features/iq-register", "feature:jabber:iq:register"] },
  "0090": { name: "Legacy Entity Time", evidence: ["feature:jabber:iq:time"] },
  "0092": { name: "Software Version", evidence: ["feature:jabber:iq:version"] },
  "0115": { name: "Entity Capabilities", evidence: ["stream:http://jabber.org/protocol/caps"] },
  "0124": { name: "Bidirectional-streams Over Synchronous HTTP (BOSH)", evidence: ["bosh"] },
  "0156": { name: "Discovering Alternative XMPP Connection Methods", evidence: ["host-meta"] },
  "0157": { name: "Contact Addresses for XMPP Services", evidence: ["form:http://jabber.org/network/serverinfo"] },
  "0160": { name: "Best Practices for Handling Offline Messages", evidence: ["feature:msgoffline"] },
  "0163": { name: "Personal Eventing Protocol", evidence: ["identity:pubsub/pep"] },
  "0191": { name: "Blocking Command", evidence: ["feature:urn:xmpp:blocking"] },
  "0198": { name: "Stream Management", evidence: ["stream:urn:xmpp:sm:3"] },
  "0199": { name: "XMPP Ping", evidence: ["feature:urn:xmpp:ping"] },
  "0202": { name: "Entity Time", evidence: ["feature:urn:xmpp:time"] },
  "0206": { name: "XMPP Over BOSH", evidence: ["bosh"] },
  "0215": { name: "External Service Discovery", evidence: ["feature:urn:xmpp:extdisco:2"] },
  "0237": { name: "Roster Versioning", evidence: ["stream:urn:xmpp:features:rosterver"] },
  "0280": { name: "Message Carbons", evidence: ["feature:urn:xmpp:carbons:2"] },
  "0292": { name: "vCard4 Over XMPP", evidence: ["feature:urn:xmpp:vcard4"] },
  "0313": { name: "Message Archive Management", evidence: ["feature:urn:xmpp:mam:2"] },
  "0352": { name: "Client State Indication", evidence: ["stream:urn:xmpp:csi:0"] },
  "0357": { name: "Push Notifications", evidence: ["feature:urn:xmpp:push:0"] },
  "0359": { name: "Unique and Stable Stanza IDs", evidence: ["feature:urn:xmpp:sid:0"] },
  "0363": { name: "HTTP File Upload", evidence: ["feature:urn:xmpp:http:upload:0"] },
  "0368": { name: "SRV records for XMPP over TLS", evidence: ["dns"] },
  // XEP-0379 has no discovery of its own; Prosody's mod_invites_register implements it together with
  // the invitation stream features, so those stand for it
  "0379": { name: "Pre-Authenticated Roster Subscription", evidence: ["stream:urn:xmpp:invite", "stream:urn:xmpp:ibr-token:0"] },
  "0401": { name: "Ad-hoc Account Invitation Generation", evidence: ["stream:urn:xmpp:invite"] },
  "0445": { name: "Pre-Authenticated In-Band Registration", evidence: ["stream:urn:xmpp:ibr-token:0"] },
};

/** The XEP (number) a feature or stream-feature namespace belongs to, for hints; undefined when unknown. */
export function xepOfEvidence(item: Evidence): string | undefined {
  for (const [number, x] of Object.entries(CATALOGUE)) if (x.evidence.includes(item)) return number;
  return undefined;
}

/** Namespaces a server advertises that belong to no XEP (RFC 6120/6121 core, Prosody's own extras):
 *  no hint for them. */
export const NOT_A_XEP: ReadonlySet<string> = new Set([
  "jabber:iq:roster",
  "http://jabber.org/protocol/disco#items",
  "urn:ietf:params:xml:ns:xmpp-sasl",
  "urn:ietf:params:xml:ns:xmpp-bind",
  "urn:ietf:params:xml:ns:xmpp-session",
  "urn:ietf:params:xml:ns:xmpp-tls",
  "urn:xmpp:sm:2",
  "urn:xmpp:sasl:2",
  "urn:xmpp:bind:0",
  "urn:xmpp:carbons:rules:0",
  "urn:xmpp:mam:0",
  "urn:xmpp:mam:1",
  "urn:xmpp:mam:2#extended",
  "urn:xmpp:http:upload",
  "eu:siacs:conversations:http:upload",
  "urn:xmpp:features:pre-approval",
  "urn:xmpp:pep-vcard-conversion:0",
]);

/** Whether a namespace is a part of a XEP the catalogue names by its main feature (the pubsub#...
 *  features of XEP-0060/0163), so that hints name the XEP once, not every part. */
export function isSubFeature(ns: string): boolean {
  return ns.startsWith("http://jabber.org/protocol/pubsub#") || ns === "http://jabber.org/protocol/pubsub";
}
