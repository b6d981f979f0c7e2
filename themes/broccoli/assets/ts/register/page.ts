// What Hugo wrote into the form's data- attributes (register/form.html): the XMPP domain, the page's
// language, the limits of params.register and the translated messages; and the session to that
// domain. DOM and network edge.
import { parseLimits, type Limits } from "./validate.ts";
import { parseMessages, type Messages } from "./messages.ts";
import { connect } from "../xmpp/connect.ts";
import type { Session } from "../xmpp/session.ts";

export interface RegisterPage {
  root: HTMLElement;
  domain: string;
  lang: string;
  /** null when the page's data- attributes are broken (logged here; the form then stays disabled) */
  limits: Limits | null;
  messages: Messages;
}

export function readPage(root: HTMLElement): RegisterPage {
  const d = root.dataset;
  const limits = parseLimits(d.minPassword, d.maxUsername);
  if (!limits) {
    console.error("register: data-min-password and data-max-username must be positive numbers, got", d.minPassword, d.maxUsername);
  }
  return {
    root,
    domain: d.domain ?? location.hostname,
    lang: d.lang ?? document.documentElement.lang,
    limits,
    messages: parseMessages(d.messages),
  };
}

/** Opens a session to the page's XMPP domain, at the endpoint this site's host-meta names. */
export function openSession(page: RegisterPage): Promise<Session> {
  return connect({ origin: location.origin, domain: page.domain, lang: page.lang });
}
