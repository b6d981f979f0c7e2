// The theme's one deferred bundle for every page: small enhancements, each a no-op where its markup is absent.
import { initCopy } from "./features/copy.ts";
import { initThemeToggle } from "./features/theme-toggle.ts";
import { initNavToggle } from "./features/nav-toggle.ts";
import { initXepsFilter } from "./features/xeps-filter.ts";

initCopy();
initXepsFilter();
// QR codes (qrcode-generator, ~7 KB gzip) are in their own bundle qr.js, loaded only where a page shows one.
initThemeToggle();
initNavToggle();
