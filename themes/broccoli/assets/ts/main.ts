// The theme's one deferred bundle for every page: small enhancements, each a no-op where its markup is absent.
import { initCopy } from "./features/copy.ts";
import { initThemeToggle } from "./features/theme-toggle.ts";
import { initXepsFilter } from "./features/xeps-filter.ts";
import { initQr, renderQr } from "./features/qr.ts";

initCopy();
initXepsFilter();
initQr();
// Page bundles that fill a QR box later (register, invite) ask for it with this event: qrcode-generator
// then lives in this bundle only.
document.addEventListener("broccoli:qr", (ev) => {
  if (!(ev.target instanceof HTMLElement)) return;
  try {
    renderQr(ev.target);
  } catch {
    // too long for a QR code: the link beside it still works
  }
});
initThemeToggle();
