// What the account page tells its visitor for each way a login, password change or deletion fails:
// SASL failures (RFC 6120 6.5), stanza errors (8.3.3), stream errors (4.9.3) and connection failures
// map to message keys of the i18n "account" block. The condition itself stays on the error objects
// and on the outcome (flow.ts), for whoever looks into it.
import type { ConnectionFailure } from "../xmpp/errors.ts";

export type ErrorKey =
  | "errNotAuthorized"
  | "errNotAllowed"
  | "errConflict"
  | "errPolicy"
  | "errResource"
  | "errThrottled"
  | "errNotAcceptable"
  | "errNoMechanism"
  | "errServerProof"
  | "errUnreachable"
  | "errUnknown"
  /** a bug in the page (an exception nobody expected), not an answer of the server */
  | "errUnexpected";

/**
 * The key for an error condition of the server, from a SASL <failure/>, an iq error (with its type)
 * or a stream error. Prosody throttles with policy-violation of type "wait" (and SASL
 * temporary-auth-failure); a server without XEP-0077 for logged-in users answers
 * service-unavailable or feature-not-implemented, which the visitor hears as "not allowed here".
 */
export function errorKey(condition: string, type = "cancel"): ErrorKey {
  switch (condition) {
    case "not-authorized":
    case "credentials-expired":
      return "errNotAuthorized";
    case "not-allowed":
    case "forbidden":
    case "account-disabled":
    case "service-unavailable":
    case "feature-not-implemented":
    case "registration-required":
      return "errNotAllowed";
    case "conflict":
      return "errConflict";
    case "policy-violation":
      return type === "wait" ? "errThrottled" : "errPolicy";
    case "resource-constraint":
      return type === "wait" ? "errThrottled" : "errResource";
    case "temporary-auth-failure":
      return "errThrottled";
    case "bad-request":
    case "not-acceptable":
    case "jid-malformed":
      return "errNotAcceptable";
    case "no-mechanism":
    case "invalid-mechanism":
    case "mechanism-too-weak":
    case "encryption-required":
      return "errNoMechanism";
    case "server-signature":
      return "errServerProof";
    case "remote-server-timeout":
    case "remote-server-not-found":
      return "errUnreachable";
    default:
      return "errUnknown";
  }
}

/**
 * The server ended the stream: conditions the visitor can act on keep their message (conflict,
 * policy-violation, resource-constraint, not-authorized); the others (system-shutdown, host-unknown,
 * connection-timeout, ...) mean the server is gone for this page: "unreachable".
 */
export function streamErrorKey(condition: string): ErrorKey {
  const k = errorKey(condition);
  return k === "errUnknown" || k === "errNotAcceptable" ? "errUnreachable" : k;
}

/** A failure of the connection itself (no XMPP error): the server cannot be reached. */
export function connectionErrorKey(_failure: ConnectionFailure): ErrorKey {
  return "errUnreachable";
}
