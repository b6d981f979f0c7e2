// The ways an XMPP exchange fails, as errors that keep what the server said: a stanza error
// (RFC 6120 8.3: the server refused one request), a stream error (RFC 6120 4.9: the server ended
// the whole stream) and a connection that failed without either. What a page tells its visitor
// for each is the page's business (register/error-keys.ts), not the protocol's.
import { child, children, text, type XEl } from "./xml.ts";

export const NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
export const NS_STREAMS_ERR = "urn:ietf:params:xml:ns:xmpp-streams";

export interface ErrorDetails {
  /** the defined condition, e.g. "conflict" (RFC 6120 8.3.3) or "host-unknown" (4.9.3) */
  condition: string;
  /** the server's human-readable text, if any (in the server's language) */
  text: string;
}

export interface StanzaErrorDetails extends ErrorDetails {
  /** error type: cancel, modify, auth, wait, continue */
  type: string;
}

/** An iq answered with type="error". */
export class StanzaError extends Error {
  declare readonly condition: string;
  declare readonly type: string;
  declare readonly text: string;
  constructor(e: StanzaErrorDetails) {
    super(e.text ? `${e.condition}: ${e.text}` : e.condition);
    this.name = "StanzaError";
    this.condition = e.condition;
    this.type = e.type;
    this.text = e.text;
  }
}

/**
 * The stream ended with a stream error: the server sent <stream:error/>, or it sent a frame this side
 * refused to read (the parser's condition: not-well-formed, restricted-xml, policy-violation). Every
 * request on the stream fails with this.
 */
export class StreamError extends Error {
  declare readonly condition: string;
  declare readonly text: string;
  constructor(e: ErrorDetails) {
    super(`stream error ${e.condition}${e.text ? `: ${e.text}` : ""}`);
    this.name = "StreamError";
    this.condition = e.condition;
    this.text = e.text;
  }
}

/** A failure of the connection itself, without an XMPP error from the server. */
export type ConnectionFailure = "timeout" | "unreachable" | "closed" | "discovery";

export class ConnectionError extends Error {
  constructor(
    readonly failure: ConnectionFailure,
    message: string,
  ) {
    super(message);
    this.name = "ConnectionError";
  }
}

function details(err: XEl | undefined, ns: string): ErrorDetails {
  const cond = children(err).find((c) => c.ns === ns && c.name !== "text");
  return { condition: cond?.name ?? "undefined-condition", text: text(child(err, "text", ns)) };
}

/** The error of a stanza of type="error" (undefined-condition when the server named none). */
export function stanzaError(stanza: XEl): StanzaErrorDetails {
  const err = child(stanza, "error");
  const { condition, text } = details(err, NS_STANZAS);
  return { condition, type: err?.attrs.type ?? "cancel", text };
}

/** The condition and text of a <stream:error/> element. */
export function streamError(error: XEl): ErrorDetails {
  return details(error, NS_STREAMS_ERR);
}
