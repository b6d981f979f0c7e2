// What Hugo wrote into the account page's data- attributes (partials/account/forms.html): the XMPP
// domain, the page's language, params.register.minPasswordLength and the translated messages; and
// the session to that domain at the endpoint the site's host-meta names (XEP-0156). DOM and network edge.
import { parseMessages } from "../register/messages.ts";
import type { Messages } from "./message-keys.ts";
import { discoverWebsocket } from "../xmpp/hostmeta.ts";
import { Session } from "../xmpp/session.ts";
import { browserFetch, browserSocket } from "../xmpp/connect.ts";
import { plainAllowedOver } from "../xmpp/sasl.ts";
import { ConnectionError } from "../xmpp/errors.ts";

export interface AccountPage {
  root: HTMLElement;
  domain: string;
  lang: string;
  minPassword: number;
  messages: Messages;
}

export function readPage(root: HTMLElement): AccountPage {
  const d = root.dataset;
  const min = Number(d.minPassword);
  return {
    root,
    domain: d.domain ?? location.hostname,
    lang: d.lang ?? document.documentElement.lang,
    minPassword: Number.isInteger(min) && min > 0 ? min : 1,
    messages: parseMessages(d.messages) as Messages,
  };
}

/** Opens a session to the page's XMPP domain; PLAIN is allowed only when the endpoint is wss:// or loopback. */
export async function openSession(page: AccountPage): Promise<{ session: Session; plainAllowed: boolean }> {
  const url = await discoverWebsocket(location.origin, browserFetch);
  if (!url) throw new ConnectionError("discovery", "no websocket endpoint in host-meta");
  const session = await Session.open(url, page.domain, { socket: browserSocket, lang: page.lang });
  return { session, plainAllowed: plainAllowedOver(url) };
}
