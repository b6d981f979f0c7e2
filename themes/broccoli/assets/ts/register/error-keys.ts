// What the visitor is told for each way a registration can fail: stanza error conditions
// (RFC 6120 8.3.3), stream error conditions (4.9.3) and connection failures map to message keys
// of the i18n "register" block (the page gets their texts through data-messages).
import type { ConnectionFailure } from "../xmpp/errors.ts";

export type ErrorKey =
  | "errConflict"
  | "errNotAcceptable"
  | "errClosed"
  | "errTooMany"
  | "errUnavailable"
  | "errUnreachable"
  | "errInviteInvalid"
  | "errUnsupported"
  | "errUnknown"
  /** a bug in the page (an exception nobody expected), not an answer of the server */
  | "errUnexpected";

/**
 * The key for a stanza error condition. `registerAdvertised` is whether the stream features offered
 * in-band registration: a server that does not offer it and answers service-unavailable has
 * registration switched off (Prosody without allow_registration), which the visitor should hear as "closed".
 */
export function errorKey(condition: string, registerAdvertised = true, type = "cancel"): ErrorKey {
  switch (condition) {
    case "conflict":
      return "errConflict";
    case "not-acceptable":
    case "bad-request":
    case "jid-malformed":
      return "errNotAcceptable";
    case "not-allowed":
    case "forbidden":
    case "registration-required":
    case "not-authorized":
      return "errClosed";
    case "resource-constraint":
      return "errTooMany";
    case "policy-violation":
      // Prosody throttles with type "wait"; its "modify" policy-violation means the connection is not
      // considered secure (consider_websocket_secure missing) — nothing the visitor can change
      return type === "modify" ? "errUnavailable" : "errTooMany";
    case "service-unavailable":
    case "feature-not-implemented":
      return registerAdvertised ? "errUnavailable" : "errClosed";
    case "remote-server-timeout":
    case "remote-server-not-found":
      return "errUnreachable";
    default:
      return "errUnknown";
  }
}

/** A failure of the connection itself (no XMPP error): the page says the server cannot be reached. */
export function connectionErrorKey(_failure: ConnectionFailure): ErrorKey {
  return "errUnreachable";
}

/**
 * The server ended the stream (host-unknown, policy-violation, system-shutdown, ...): the connection is
 * gone, and none of these is something the visitor can fix, so the page says it cannot reach the server.
 * The condition stays on the outcome, for whoever looks into it.
 */
export function streamErrorKey(_condition: string): ErrorKey {
  return "errUnreachable";
}

/** Error during the invitation step (the preauth iq): the token is unknown, used or expired. */
export function preauthErrorKey(condition: string): ErrorKey {
  return condition === "forbidden" || condition === "item-not-found" || condition === "not-acceptable" ? "errInviteInvalid" : errorKey(condition);
}
