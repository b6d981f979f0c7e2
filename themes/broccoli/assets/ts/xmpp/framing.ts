// RFC 7395 (XMPP over WebSocket) framing and the stanza pieces the registration needs:
// open/close frames, what an incoming frame is, iq envelopes, and the stream features for registration.
import { el, child, type XEl } from "./xml.ts";
import { streamError } from "./errors.ts";

export const NS_FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
export const NS_STREAM = "http://etherx.jabber.org/streams";
export const NS_CLIENT = "jabber:client";
export const NS_FEATURE_REGISTER = "http://jabber.org/features/iq-register";
/** Stream features Prosody's mod_invites_register adds for pre-authenticated registration */
export const NS_FEATURE_IBR_TOKEN = "urn:xmpp:ibr-token:0";
export const NS_FEATURE_INVITE = "urn:xmpp:invite";

/** The WebSocket subprotocol RFC 7395 registers. */
export const SUBPROTOCOL = "xmpp";

export function openFrame(domain: string, lang?: string): XEl {
  return el("open", { xmlns: NS_FRAMING, to: domain, version: "1.0", "xml:lang": lang });
}

export function closeFrame(): XEl {
  return el("close", { xmlns: NS_FRAMING });
}

export type Frame =
  | { kind: "open"; from: string; id: string }
  | { kind: "close"; seeOtherUri?: string }
  | { kind: "features"; features: XEl }
  | { kind: "stream-error"; condition: string; text: string }
  | { kind: "iq"; iq: XEl }
  | { kind: "other"; el: XEl };

export function classify(frame: XEl): Frame {
  if (frame.ns === NS_FRAMING && frame.name === "open") return { kind: "open", from: frame.attrs.from ?? "", id: frame.attrs.id ?? "" };
  if (frame.ns === NS_FRAMING && frame.name === "close") {
    const see = frame.attrs["see-other-uri"];
    return see ? { kind: "close", seeOtherUri: see } : { kind: "close" };
  }
  if (frame.ns === NS_STREAM && frame.name === "features") return { kind: "features", features: frame };
  if (frame.ns === NS_STREAM && frame.name === "error") return { kind: "stream-error", ...streamError(frame) };
  if (frame.name === "iq" && (frame.ns === NS_CLIENT || frame.ns === "")) return { kind: "iq", iq: frame };
  return { kind: "other", el: frame };
}

/** Which of the registration features a server offers in its stream features. */
export function registrationFeatures(features: XEl): { register: boolean; preauth: boolean } {
  return {
    register: Boolean(child(features, "register", NS_FEATURE_REGISTER)),
    preauth: Boolean(child(features, "register", NS_FEATURE_IBR_TOKEN) ?? child(features, "register", NS_FEATURE_INVITE)),
  };
}

/** An iq request envelope; Session.get/set send these with a fresh id. */
export function iq(type: "get" | "set", id: string, payload: XEl): XEl {
  return el("iq", { xmlns: NS_CLIENT, type, id }, payload);
}
