// RFC 7395 (XMPP over WebSocket) framing and the stanza pieces the registration needs:
// open/close frames, what an incoming frame is, iq envelopes and stanza errors (RFC 6120 8.3).
import { el, child, children, text, type XEl } from "./xml.ts";

export const NS_FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
export const NS_STREAM = "http://etherx.jabber.org/streams";
export const NS_CLIENT = "jabber:client";
export const NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
export const NS_STREAMS_ERR = "urn:ietf:params:xml:ns:xmpp-streams";
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
  if (frame.ns === NS_STREAM && frame.name === "error") {
    const cond = children(frame).find((c) => c.ns === NS_STREAMS_ERR && c.name !== "text");
    return { kind: "stream-error", condition: cond?.name ?? "undefined-condition", text: text(child(frame, "text", NS_STREAMS_ERR)) };
  }
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

export function iq(type: "get" | "set", id: string, payload: XEl, to?: string): XEl {
  return el("iq", { xmlns: NS_CLIENT, type, id, to }, payload);
}

export interface StanzaError {
  /** RFC 6120 defined condition, e.g. "conflict" */
  condition: string;
  /** error type: cancel, modify, auth, wait, continue */
  type: string;
  /** the server's human-readable text, if any (in the server's language) */
  text: string;
}

/** The error of an iq type="error" (or undefined-condition when the server sent none). */
export function stanzaError(stanza: XEl): StanzaError {
  const err = child(stanza, "error");
  const cond = children(err).find((c) => c.ns === NS_STANZAS && c.name !== "text");
  return { condition: cond?.name ?? "undefined-condition", type: err?.attrs.type ?? "cancel", text: text(child(err, "text", NS_STANZAS)) };
}
