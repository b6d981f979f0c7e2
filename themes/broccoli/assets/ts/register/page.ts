// What Hugo wrote into the form's data- attributes (register/form.html): the XMPP domain, the page's
// language, the limits of params.register and the translated messages; and the session to that
// domain. DOM and network edge.
import type { Limits } from "./validate.ts";
import { parseMessages, type Messages } from "./messages.ts";
import { connect } from "../xmpp/connect.ts";
import type { Session } from "../xmpp/session.ts";

export interface RegisterPage {
  root: HTMLElement;
  domain: string;
  lang: string;
  limits: Limits;
  messages: Messages;
}

export function readPage(root: HTMLElement): RegisterPage {
  const d = root.dataset;
  return {
    root,
    domain: d.domain ?? location.hostname,
    lang: d.lang ?? document.documentElement.lang,
    limits: { minPasswordLength: Number(d.minPassword) || 8, maxUsernameLength: Number(d.maxUsername) || 64 },
    messages: parseMessages(d.messages),
  };
}

/** Opens a session to the page's XMPP domain, at the endpoint this site's host-meta names. */
export function openSession(page: RegisterPage): Promise<Session> {
  return connect({ origin: location.origin, domain: page.domain, lang: page.lang });
}
