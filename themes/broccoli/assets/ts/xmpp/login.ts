// Logging in on an open session: SASL with the strongest mechanism both sides speak (sasl.ts), the
// stream restart, and resource binding. Takes the session, the domain and the credentials; returns
// the bound JID and the mechanism used. Errors: SaslError (refused, no usable mechanism), and the
// session's StanzaError, StreamError and ConnectionError.
import { offeredMechanisms, chooseMechanism, authenticate, SaslError, type Mechanism } from "./sasl.ts";
import { bindRequest, boundJid } from "./bind.ts";
import type { Session } from "./session.ts";

export interface LoginOptions {
  domain: string;
  /** localpart */
  username: string;
  password: string;
  /** PLAIN may be used (the connection is wss:// or loopback: sasl.ts plainAllowedOver) */
  plainAllowed: boolean;
  lang?: string;
  resource?: string;
}

type Sess = Pick<Session, "features" | "send" | "next" | "restart" | "set">;

export async function login(s: Sess, o: LoginOptions): Promise<{ jid: string; mechanism: Mechanism }> {
  const offered = offeredMechanisms(s.features);
  const mechanism = chooseMechanism(offered, o.plainAllowed);
  if (!mechanism) throw new SaslError("no-mechanism", `server offers ${offered.join(", ") || "nothing"}`);
  await authenticate(s, mechanism, o.username, o.password);
  await s.restart(o.domain, o.lang);
  const jid = boundJid(await s.set(bindRequest(o.resource)));
  return { jid, mechanism };
}
