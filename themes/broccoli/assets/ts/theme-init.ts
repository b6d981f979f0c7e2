// Render-blocking and tiny (< 1 KB gzip): applies the stored colour theme to <html> before first paint,
// so a visitor who chose dark (or light) never sees a flash of the other theme. The toggle lives in main.ts.
import { applyTheme, loadMode } from "./features/theme-toggle.ts";

try {
  applyTheme(document.documentElement, loadMode(window.localStorage));
} catch {
  // no storage (privacy settings): the stylesheet follows prefers-color-scheme
}
