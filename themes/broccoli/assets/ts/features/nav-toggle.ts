// The main menu on phones: folded behind a "Menu" button once this script runs (without JS it simply wraps).
// The button is rendered hidden and only shown on narrow screens by the stylesheet once data-nav is set.

export type NavState = "open" | "closed";

/** The state a click on the menu button leads to. */
export function toggled(state: NavState): NavState {
  return state === "open" ? "closed" : "open";
}

/** The state after a key press: Escape folds an open menu, other keys change nothing. */
export function afterKey(state: NavState, key: string): NavState {
  return key === "Escape" ? "closed" : state;
}

export function initNavToggle(doc: Document = document): void {
  const header = doc.querySelector<HTMLElement>(".site-header");
  const button = header?.querySelector<HTMLButtonElement>("button[data-nav-toggle]");
  if (!header || !button) return;
  const show = (state: NavState) => {
    header.dataset.nav = state;
    button.setAttribute("aria-expanded", String(state === "open"));
  };
  show("closed");
  button.hidden = false;
  button.addEventListener("click", () => show(toggled(header.dataset.nav === "open" ? "open" : "closed")));
  header.addEventListener("keydown", (e) => {
    const current: NavState = header.dataset.nav === "open" ? "open" : "closed";
    const next = afterKey(current, e.key);
    if (next !== current) {
      show(next);
      button.focus();
    }
  });
}
