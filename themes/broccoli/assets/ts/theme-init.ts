// Render-blocking and tiny (< 1 KB gzip): applies the stored colour theme to <html> before first paint,
// so a visitor who chose dark (or light) never sees a flash of the other theme. The toggle lives in main.ts.
import { applyTheme, loadMode } from "./features/theme-toggle.ts";

// Scripts run: the stylesheet lays out the script-driven parts (folded phone menu, toggles, the sign-up
// form) before the first paint instead of after main.js, so nothing moves (no layout shift).
document.documentElement.setAttribute("data-js", "");

try {
  applyTheme(document.documentElement, loadMode(window.localStorage));
} catch {
  // no storage (privacy settings): the stylesheet follows prefers-color-scheme
}
