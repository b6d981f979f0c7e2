// The invite page (DOM edge): the token comes from the URL fragment (#TOKEN, never sent to a web
// server) and is then dropped from the address bar and history (kept in memory only). It is offered
// to an app as an xmpp: URI, with a QR code of this page's own https address (a phone camera opens
// the page there), checked at once with the server, and used for registering here in the browser
// (preauth, as Prosody's mod_invites_register expects). The app chooser is rendered by Hugo
// (partials/register/invite-apps.html); here the visitor's platform is only preselected.
import { parseInviteFragment, inviteUri } from "../xmpp/preauth.ts";
import { checkInvite } from "./flow.ts";
import { initRegisterForm } from "./form.ts";
import { openSession, type RegisterPage } from "./page.ts";
import { requestQr } from "./request-qr.ts";
import { detectPlatform } from "./platform.ts";

/** navigator.userAgentData (Chromium only; not in TypeScript's DOM types) */
interface UADataNavigator {
  userAgentData?: { platform?: string };
}

/** Checks the chooser's radio button for the visitor's platform, when there is one for it. */
function preselectPlatform(): void {
  const nav = navigator as Navigator & UADataNavigator;
  const key = detectPlatform({ userAgent: nav.userAgent, uaPlatform: nav.userAgentData?.platform, maxTouchPoints: nav.maxTouchPoints });
  if (!key) return;
  const radio = document.querySelector<HTMLInputElement>(`[data-platform-chooser] input[type="radio"][value="${key}"]`);
  if (radio) radio.checked = true;
}

export function initInvitation(page: RegisterPage, hash: string): void {
  const { root } = page;
  const app = document.querySelector<HTMLElement>("[data-invite-app]");
  const invite = parseInviteFragment(hash);
  // this page's address with the invitation, for the QR code, before it leaves the address bar
  const pageUrl = location.href;
  // the token is read: drop it from the address bar and this history entry (it stays in memory only)
  if (hash) history.replaceState(history.state, "", location.pathname + location.search);
  if (!invite) {
    const missing = document.querySelector<HTMLElement>("[data-invite-missing]");
    if (missing) missing.hidden = false;
    if (app) app.hidden = true;
    return;
  }
  preselectPlatform();
  const link = app?.querySelector<HTMLAnchorElement>("[data-invite-link]");
  const qr = app?.querySelector<HTMLElement>("[data-invite-qr]");
  const qrText = app?.querySelector<HTMLElement>("[data-invite-qr-text]");
  if (link) {
    link.href = inviteUri(page.domain, invite.token);
    link.hidden = false;
  }
  if (qr) {
    qr.dataset.qr = pageUrl;
    requestQr(qr);
    if (qrText) qrText.hidden = false;
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
      // the token is used up
      if (app) app.hidden = true;
    },
  });
}
