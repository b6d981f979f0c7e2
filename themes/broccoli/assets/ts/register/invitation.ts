// The invite page (DOM edge): the token comes from the URL fragment (#TOKEN, never sent to a web
// server), is offered to a mobile app as an xmpp: URI with a QR code, is checked at once with the
// server, and is used for registering here in the browser (preauth, as Prosody's mod_invites_register
// expects).
import { parseInviteFragment, inviteUri } from "../xmpp/preauth.ts";
import { checkInvite } from "./flow.ts";
import { initRegisterForm } from "./form.ts";
import { openSession, type RegisterPage } from "./page.ts";
import { requestQr } from "./request-qr.ts";

export function initInvitation(page: RegisterPage, hash: string): void {
  const { root } = page;
  const invite = parseInviteFragment(hash);
  if (!invite) {
    const missing = document.querySelector<HTMLElement>("[data-invite-missing]");
    if (missing) missing.hidden = false;
    return;
  }
  const uri = inviteUri(page.domain, invite.token);
  const app = document.querySelector<HTMLElement>("[data-invite-app]");
  const link = app?.querySelector<HTMLAnchorElement>("[data-invite-link]");
  const qr = app?.querySelector<HTMLElement>("[data-invite-qr]");
  if (app && link) {
    link.href = uri;
    if (qr) {
      qr.dataset.qr = uri;
      requestQr(qr);
    }
    app.hidden = false;
  }
  // tell at once when the invitation is used up or expired, not after the form was filled in
  void (async () => {
    const session = await openSession(page).catch(() => undefined);
    if (!session) return;
    try {
      if ((await checkInvite(session, invite.token)) === "errInviteInvalid") {
        const invalid = document.querySelector<HTMLElement>("[data-invite-invalid]");
        const form = root.querySelector<HTMLElement>("[data-register-form]");
        if (invalid) invalid.hidden = false;
        if (form) form.hidden = true;
        if (app) app.hidden = true;
      }
    } catch (e) {
      // a bug, not the server: the form below still works and will tell what the server says
      console.error("invitation check:", e);
    } finally {
      session.close();
    }
  })();
  initRegisterForm(page, {
    token: invite.token,
    ...(invite.username ? { username: invite.username } : {}),
    onRegistered: () => {
      // the token is used up: drop it from the address bar and history entry
      history.replaceState(null, "", location.pathname + location.search);
      if (app) app.hidden = true;
    },
  });
}
