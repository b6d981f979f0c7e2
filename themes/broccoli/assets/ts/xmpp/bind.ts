// Resource binding (RFC 6120 7) after authentication: the request, and the full JID the server gives.
import { el, child, text, type XEl } from "./xml.ts";

export const NS_BIND = "urn:ietf:params:xml:ns:xmpp-bind";

/** <bind/> with a resource of our choosing, or without one (the server picks). */
export function bindRequest(resource?: string): XEl {
  return el("bind", { xmlns: NS_BIND }, resource ? el("resource", {}, resource) : null);
}

/** The full JID of a bind result; "" when the result names none. */
export function boundJid(result: XEl | undefined): string {
  return text(child(result, "jid", NS_BIND)).trim();
}
