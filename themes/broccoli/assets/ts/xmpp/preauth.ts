// Pre-authenticated registration with an invitation token, as Prosody's mod_invites_register does it:
// <iq type="set"><preauth xmlns="urn:xmpp:pars:0" token="…"/></iq> before the jabber:iq:register set
// (the XEP-0401 / XEP-0379 token). The token reaches the invite page in the URL fragment.
import { el, type XEl } from "./xml.ts";

export const NS_PARS = "urn:xmpp:pars:0";

export function preauth(token: string): XEl {
  return el("preauth", { xmlns: NS_PARS, token });
}

export interface Invite {
  token: string;
  /** the account invited to (xmpp:user@host?register;preauth=…), if the invitation names one */
  username?: string;
  /** the inviter, for a contact invitation that allows registration (?roster;preauth=…;ibr=y) */
  inviter?: string;
}

/** Tokens are Prosody's util.id output: URL-safe base64. Anything else is not a token. */
const TOKEN = /^[A-Za-z0-9_-]{6,128}$/;

/**
 * The invitation in a URL fragment: "#TOKEN", "#preauth=TOKEN", or a whole xmpp: URI
 * ("#xmpp:example.org?register;preauth=TOKEN"). Returns undefined when there is none.
 */
export function parseInviteFragment(hash: string): Invite | undefined {
  let h = hash.startsWith("#") ? hash.slice(1) : hash;
  try {
    h = decodeURIComponent(h);
  } catch {
    return undefined;
  }
  h = h.trim();
  if (!h) return undefined;
  if (h.startsWith("xmpp:")) return parseInviteUri(h);
  const m = /^(?:preauth=)?([^;&]+)$/.exec(h);
  const token = m?.[1];
  return token && TOKEN.test(token) ? { token } : undefined;
}

/** xmpp:host?register;preauth=T, xmpp:user@host?register;preauth=T, xmpp:user@host?roster;preauth=T;ibr=y */
export function parseInviteUri(uri: string): Invite | undefined {
  const m = /^xmpp:([^?]*)\?(register|roster)((?:;[^;=]+=[^;]*)*)$/.exec(uri);
  if (!m) return undefined;
  const [, jid = "", action, paramStr = ""] = m;
  const params = new Map(
    paramStr
      .split(";")
      .filter(Boolean)
      .map((p) => p.split("=", 2) as [string, string]),
  );
  const token = params.get("preauth");
  if (!token || !TOKEN.test(token)) return undefined;
  const at = jid.indexOf("@");
  const local = at > 0 ? jid.slice(0, at) : undefined;
  if (action === "roster") {
    if (params.get("ibr") !== "y") return undefined;
    return local ? { token, inviter: local } : { token };
  }
  return local ? { token, username: local } : { token };
}

/** The xmpp: URI a mobile client opens to register with this invitation (XEP-0401 style). */
export function inviteUri(domain: string, token: string): string {
  return `xmpp:${domain}?register;preauth=${token}`;
}
