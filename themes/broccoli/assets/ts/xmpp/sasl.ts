// SASL over an XMPP stream (RFC 6120 6): which mechanism to use of those the server offers, and the
// exchange itself (<auth/>, <challenge/>/<response/>, <success/> or <failure/>) for SCRAM-SHA-256,
// SCRAM-SHA-1 (scram.ts) and PLAIN. PLAIN sends the password itself, so it is used only over wss://
// or ws:// to loopback, and only when the server offers no SCRAM.
import { el, child, children, text, type XEl } from "./xml.ts";
import type { Frame } from "./framing.ts";
import { isLoopbackHost } from "./names.ts";
import { scram, utf8ToBase64, base64ToUtf8, ScramError } from "./scram.ts";
import type { Session } from "./session.ts";

export const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

/** The mechanisms this code speaks, strongest first. */
export const MECHANISMS = ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"] as const;
export type Mechanism = (typeof MECHANISMS)[number];

/**
 * SASL failed: the server's <failure/> condition (RFC 6120 6.5: not-authorized, account-disabled,
 * temporary-auth-failure, ...), or "no-mechanism" when the server offers none this code may use,
 * or "server-signature" when the server could not prove that it knows the password.
 */
export class SaslError extends Error {
  declare readonly condition: string;
  declare readonly text: string;
  constructor(condition: string, text = "") {
    super(text ? `SASL ${condition}: ${text}` : `SASL ${condition}`);
    this.name = "SaslError";
    this.condition = condition;
    this.text = text;
  }
}

/** The mechanism names in the stream features (empty when the server offers no SASL). */
export function offeredMechanisms(features: XEl): string[] {
  return children(child(features, "mechanisms", NS_SASL), "mechanism").map((m) => text(m).trim());
}

/** Whether PLAIN may be used on a connection to this WebSocket URL: wss://, or ws:// to loopback. */
export function plainAllowedOver(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "wss:" || (u.protocol === "ws:" && isLoopbackHost(u.hostname));
  } catch {
    return false;
  }
}

/** The strongest offered mechanism this code speaks (PLAIN only if allowed); undefined when none. */
export function chooseMechanism(offered: readonly string[], plainAllowed: boolean): Mechanism | undefined {
  return MECHANISMS.find((m) => offered.includes(m) && (m !== "PLAIN" || plainAllowed));
}

/** <auth mechanism="..."> with the initial response (base64; "=" for an empty one, RFC 6120 6.4.2). */
export function authElement(mechanism: Mechanism, initial: string): XEl {
  return el("auth", { xmlns: NS_SASL, mechanism }, initial ? utf8ToBase64(initial) : "=");
}

export function responseElement(data: string): XEl {
  return el("response", { xmlns: NS_SASL }, data ? utf8ToBase64(data) : "");
}

type SaslFrame = { kind: "challenge" | "success"; data: string } | { kind: "failure"; condition: string; text: string };

/** A SASL element from the server as what it means; undefined for any other frame. */
export function saslFrame(f: Frame): SaslFrame | undefined {
  if (f.kind !== "other" || f.el.ns !== NS_SASL) return undefined;
  const e = f.el;
  if (e.name === "challenge" || e.name === "success") {
    const b64 = text(e).trim();
    return { kind: e.name, data: b64 && b64 !== "=" ? base64ToUtf8(b64) : "" };
  }
  if (e.name === "failure") {
    const cond = children(e).find((c) => c.name !== "text");
    return { kind: "failure", condition: cond?.name ?? "not-authorized", text: text(child(e, "text")) };
  }
  return undefined;
}

type Sess = Pick<Session, "send" | "next">;

/**
 * Authenticates as `username` (the localpart) with this mechanism. Resolves on <success/> (for SCRAM
 * only once the server's signature is verified); rejects with SaslError for <failure/> or a bad
 * server signature, and like Session.next when the stream or the connection ends.
 */
export async function authenticate(s: Sess, mechanism: Mechanism, username: string, password: string): Promise<void> {
  const nextSasl = () => s.next(saslFrame);
  const fail = (f: SaslFrame & { kind: "failure" }) => new SaslError(f.condition, f.text);
  if (mechanism === "PLAIN") {
    s.send(authElement("PLAIN", `\0${username}\0${password}`));
    const f = await nextSasl();
    if (f.kind === "failure") throw fail(f);
    if (f.kind !== "success") throw new SaslError("malformed-request", "unexpected challenge for PLAIN");
    return;
  }
  const c = scram(mechanism === "SCRAM-SHA-256" ? "SHA-256" : "SHA-1", username, password);
  s.send(authElement(mechanism, c.first));
  const first = await nextSasl();
  if (first.kind === "failure") throw fail(first);
  if (first.kind !== "challenge") throw new SaslError("malformed-request", "no server-first-message");
  let final: string;
  try {
    final = await c.final(first.data);
  } catch (e) {
    if (e instanceof ScramError) throw new SaslError("malformed-request", e.message);
    throw e;
  }
  s.send(responseElement(final));
  let last = await nextSasl();
  // RFC 6120 6.3.10: the server may send its final message as a challenge, then success empty
  if (last.kind === "challenge") {
    const data = last.data;
    s.send(responseElement(""));
    last = await nextSasl();
    if (last.kind === "success" && !last.data) last = { kind: "success", data };
  }
  if (last.kind === "failure") throw fail(last);
  if (last.kind !== "success") throw new SaslError("malformed-request", "no success");
  try {
    c.verify(last.data);
  } catch (e) {
    if (e instanceof ScramError) throw new SaslError(e.reason === "server-signature" ? "server-signature" : "malformed-request", e.message);
    throw e;
  }
}
