// Light / dark / system colour theme: the choice is kept in localStorage and shown as html[data-theme].
// Pure state logic first (unit-tested); the DOM is touched only in initThemeToggle and applyTheme.

export type ThemeMode = "system" | "light" | "dark";

/** localStorage key shared with theme-init.ts (the render-blocking script that applies it before first paint). */
export const STORAGE_KEY = "theme";

const MODES: readonly ThemeMode[] = ["system", "light", "dark"];

/** The stored choice, or "system" for anything missing or unknown. */
export function parseMode(stored: string | null | undefined): ThemeMode {
  return stored === "light" || stored === "dark" ? stored : "system";
}

/** The mode a click leads to: system → light → dark → system. */
export function nextMode(mode: ThemeMode): ThemeMode {
  return MODES[(MODES.indexOf(mode) + 1) % MODES.length] as ThemeMode;
}

/** The value of html[data-theme] for a mode (null: no attribute, the stylesheet follows prefers-color-scheme). */
export function themeAttribute(mode: ThemeMode): "light" | "dark" | null {
  return mode === "system" ? null : mode;
}

export interface ThemeLabels {
  system: string;
  light: string;
  dark: string;
}

/** Labels from the button's data-label-* attributes (theme strings come from i18n); null if one is missing. */
export function readLabels(data: Record<string, string | undefined>): ThemeLabels | null {
  const system = data.labelSystem?.trim();
  const light = data.labelLight?.trim();
  const dark = data.labelDark?.trim();
  return system && light && dark ? { system, light, dark } : null;
}

/** Reads the stored choice; storage may be unavailable (privacy settings) or throw. */
export function loadMode(storage: Pick<Storage, "getItem"> | undefined): ThemeMode {
  try {
    return parseMode(storage?.getItem(STORAGE_KEY));
  } catch {
    return "system";
  }
}

/** Stores the choice ("system" removes it); returns false when storage refuses. */
export function saveMode(storage: Pick<Storage, "setItem" | "removeItem"> | undefined, mode: ThemeMode): boolean {
  try {
    if (!storage) return false;
    if (mode === "system") storage.removeItem(STORAGE_KEY);
    else storage.setItem(STORAGE_KEY, mode);
    return true;
  } catch {
    return false;
  }
}

/** Sets or removes html[data-theme]. */
export function applyTheme(root: HTMLElement, mode: ThemeMode): void {
  const attr = themeAttribute(mode);
  if (attr) root.setAttribute("data-theme", attr);
  else root.removeAttribute("data-theme");
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Reveals the header's theme button (rendered hidden for visitors without JS) and wires it up. */
export function initThemeToggle(doc: Document = document): void {
  const button = doc.querySelector<HTMLButtonElement>("button[data-theme-toggle]");
  if (!button) return;
  const labels = readLabels(button.dataset);
  if (!labels) return;
  const label = button.querySelector<HTMLElement>(".theme-toggle-label") ?? button;
  const show = (mode: ThemeMode) => {
    button.dataset.mode = mode;
    label.textContent = labels[mode];
  };
  let mode = loadMode(storage());
  applyTheme(doc.documentElement, mode);
  show(mode);
  button.hidden = false;
  button.addEventListener("click", () => {
    mode = nextMode(mode);
    saveMode(storage(), mode);
    applyTheme(doc.documentElement, mode);
    show(mode);
  });
  // another tab changed the choice: follow it
  window.addEventListener("storage", (e) => {
    if (e.key !== null && e.key !== STORAGE_KEY) return;
    mode = loadMode(storage());
    applyTheme(doc.documentElement, mode);
    show(mode);
  });
}
