// Shared steps of the register and invite specs: fill the form the way a visitor does, and a test
// variant whose page talks to its own, differently configured Prosody (through a second nginx).
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures.ts";
import { startProsody, type ProsodyOptions, type RunningProsody } from "./prosody.ts";
import { serveSiteWith, routeHostMeta, type AltSite } from "./alt-site.ts";

export const domain = () => {
  const d = process.env.E2E_XMPP_DOMAIN;
  if (!d) throw new Error("E2E_XMPP_DOMAIN is not set: run through playwright.config.ts (global setup)");
  return d;
};

/** The main nginx's websocket (to the global setup's Prosody). */
export const mainWebsocket = () => new URL("xmpp-websocket", process.env.E2E_BASE_URL).href.replace(/^http/, "ws");

/** A fresh, valid localpart for this test. */
export const uniqueName = (prefix = "anna") => `${prefix}${randomBytes(4).toString("hex")}`;

export const labels = {
  de: { username: "Benutzername", password: "Passwort", password2: "Passwort wiederholen", terms: /Nutzungsbedingungen gelesen/, submit: "Konto anlegen" },
  en: { username: "Username", password: "Password", password2: "Repeat the password", terms: /terms of use/, submit: "Create account" },
} as const;

export interface Entry {
  username: string;
  password: string;
  password2?: string;
  terms?: boolean;
}

export async function fillForm(page: Page, lang: "de" | "en", e: Entry): Promise<void> {
  const l = labels[lang];
  await page.getByLabel(l.username, { exact: true }).fill(e.username);
  await page.getByLabel(l.password, { exact: true }).fill(e.password);
  await page.getByLabel(l.password2, { exact: true }).fill(e.password2 ?? e.password);
  const terms = page.getByRole("checkbox", { name: l.terms });
  if (e.terms ?? true) await terms.check();
  else await terms.uncheck();
}

export async function submit(page: Page, lang: "de" | "en"): Promise<void> {
  await page.getByRole("button", { name: labels[lang].submit }).click();
}

/** Passwords are gone and the username is kept after an error. */
export async function expectKeptAfterError(page: Page, lang: "de" | "en", username: string): Promise<void> {
  const l = labels[lang];
  await expect(page.getByLabel(l.username, { exact: true })).toHaveValue(username);
  await expect(page.getByLabel(l.password, { exact: true })).toHaveValue("");
  await expect(page.getByLabel(l.password2, { exact: true })).toHaveValue("");
}

/**
 * A test whose site is served by its own nginx with /xmpp-websocket leading to its own real Prosody,
 * configured by `opts` (stopped: started, then stopped before the test). The page's XEP-0156 look-up
 * is answered with that nginx's websocket.
 */
export function testWithServer(opts: Partial<ProsodyOptions> & { stopped?: boolean }) {
  const { stopped, ...prosodyOpts } = opts;
  return test.extend<{ server: RunningProsody; altSite: AltSite; hostMeta: void }>({
    server: async ({}, use) => {
      const p = await startProsody({ domain: domain(), ...prosodyOpts });
      if (stopped) await p.stop();
      await use(p);
      await p.stop();
    },
    altSite: async ({ server }, use) => {
      const s = await serveSiteWith(server.http);
      await use(s);
      await s.stop();
    },
    baseURL: async ({ altSite }, use) => {
      await use(altSite.baseURL);
    },
    // after the guard's catch-all route (routes registered later are asked first)
    hostMeta: [
      async ({ page, altSite, guard }, use) => {
        void guard;
        await routeHostMeta(page, altSite.websocketURL);
        await use();
      },
      { auto: true },
    ],
  });
}
