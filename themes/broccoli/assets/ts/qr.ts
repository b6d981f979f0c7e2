// The QR code bundle, loaded only on pages that show a QR code (the xmpp shortcode, the register and
// invite pages): qrcode-generator is ~7 KB gzip, more than all other scripts of a page together, so it
// is kept out of main.js (budget: at most 3 KB of JavaScript on pages without such features).
import { initQr, renderQr } from "./features/qr.ts";

initQr();
// Page bundles that fill a QR box later (register, invite) ask for it with this event.
document.addEventListener("broccoli:qr", (ev) => {
  if (!(ev.target instanceof HTMLElement)) return;
  try {
    renderQr(ev.target);
  } catch {
    // too long for a QR code: the link beside it still works
  }
});
