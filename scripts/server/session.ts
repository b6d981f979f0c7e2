// Connect and log in the way a client does: RFC 7395 WebSocket, SASL (SCRAM-SHA-1; PLAIN only where the
// server offers nothing better, as @xmpp/client chooses), resource binding. Takes the WebSocket URL and
// an account; returns a session that asks iq queries and knows the stream features the server offered
// before and after login. Every way it can fail becomes one VerifyError line (connectError, pure).
import WS from "ws";
import { client, xml } from "@xmpp/client";
import { parse, type XEl } from "../../themes/broccoli/assets/ts/xmpp/xml.ts";

// Node 20 has no global WebSocket; @xmpp/websocket uses the global one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WS;

/** A failure of the check itself (not a finding): printed as one line, exit 1. */
export class VerifyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerifyError";
  }
}

export interface Account {
  /** localpart@domain */
  jid: string;
  password: string;
}

export interface Session {
  /** the bound full JID */
  jid: string;
  /** stream features before login (registration, SASL) and after it (stream management, CSI, caps, ...) */
  streamFeatures: { beforeLogin: XEl; afterLogin: XEl | undefined };
  /** sends an iq get with `payload` to `to` and returns the result's payload-free iq element */
  get(to: string, payload: { name: string; xmlns: string; attrs?: Record<string, string> }): Promise<XEl>;
  close(): Promise<void>;
}

/** The one line for an error of connecting or logging in (the error as @xmpp/client or ws throws it). */
export function connectError(e: unknown, url: string, jid: string): VerifyError {
  const err = e as { condition?: string; code?: string; message?: string; name?: string; text?: string };
  const msg = String(err?.message ?? e);
  if (err?.name === "SASLError" || /^(not-authorized|account-disabled|credentials-expired)\b/.test(msg)) {
    const cond = err.condition ?? msg.split(" ")[0];
    return new VerifyError(`login as ${jid} refused: ${cond}${cond === "not-authorized" ? " (wrong password or no such account)" : ""}`);
  }
  const refused = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|socket hang up|Unexpected server response: (\d+)/.exec(msg);
  if (refused) {
    const why = refused[1] ? `HTTP ${refused[1]} instead of a WebSocket` : refused[0] === "ECONNREFUSED" ? "connection refused" : refused[0];
    return new VerifyError(`cannot reach the server at ${url}: ${why}`);
  }
  if (err?.name === "TimeoutError") return new VerifyError(`no answer from ${url} in time (${msg})`);
  return new VerifyError(`connecting to ${url} as ${jid} failed: ${msg.split("\n")[0]}`);
}

const toXEl = (e: { toString(): string }): XEl => parse(e.toString());

/** Connects and logs in; throws a VerifyError (connectError) when it cannot. */
export async function openSession(url: string, account: Account, timeoutMs = 20_000): Promise<Session> {
  const [local, domain] = account.jid.split("@") as [string, string];
  const xmpp = client({ service: url, domain, username: local, password: account.password, resource: `verify-server-${process.pid}` });
  xmpp.reconnect.stop();
  const features: XEl[] = [];
  xmpp.on("element", (el: { is(name: string, ns?: string): boolean; toString(): string }) => {
    if (el.is("features", "http://etherx.jabber.org/streams")) features.push(toXEl(el));
  });
  let lastError: unknown;
  xmpp.on("error", (e: unknown) => {
    lastError ??= e;
  });
  const stop = async () => {
    xmpp.reconnect.stop();
    await xmpp.stop().catch(() => {});
  };
  let address: { toString(): string };
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`${timeoutMs / 1000} s`), { name: "TimeoutError" })), timeoutMs);
    });
    try {
      address = await Promise.race([xmpp.start(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  } catch (e) {
    await stop();
    // a closed socket rejects start() with a generic error; the socket's own error says why
    const cause = (e as { name?: string })?.name === "SASLError" ? e : (lastError ?? e);
    throw connectError(cause, url, account.jid);
  }
  const [beforeLogin, afterLogin] = features;
  return {
    jid: address.toString(),
    streamFeatures: { beforeLogin: beforeLogin ?? { name: "features", ns: "http://etherx.jabber.org/streams", attrs: {}, children: [] }, afterLogin },
    async get(to, payload) {
      const res = await xmpp.iqCaller.request(xml("iq", { type: "get", to }, xml(payload.name, { xmlns: payload.xmlns, ...payload.attrs })), timeoutMs);
      return toXEl(res);
    },
    close: stop,
  };
}
