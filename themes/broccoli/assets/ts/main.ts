// The theme's one deferred bundle for every page: small enhancements, each a no-op where its markup is absent.
import { initCopy } from "./features/copy.ts";
import { initThemeToggle } from "./features/theme-toggle.ts";
import { initXepsFilter } from "./features/xeps-filter.ts";
import { initQr } from "./features/qr.ts";

initCopy();
initXepsFilter();
initQr();
initThemeToggle();
