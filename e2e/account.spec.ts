// /account/ and /en/account/: a visitor changes the password or deletes the account in Chromium; the
// page logs in over the XMPP WebSocket with SASL SCRAM (hand-written on WebCrypto). The result is
// proven the way a client and the operator see it: @xmpp/client logs in (or fails), and the account's
// file in Prosody's data folder is there (or gone). Every server is Debian's Prosody 0.12 behind the
// site's real nginx configuration (global setup), or a second nginx and Prosody configured otherwise.
import { promises as fs } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures.ts";
import { login } from "./support/xmpp.ts";
import { createAccount, accountFile } from "./support/prosody.ts";
import { domain, mainWebsocket, uniqueName, testWithServer } from "./support/signup.ts";

const mainConfig = () => {
  const c = process.env.E2E_PROSODY_CONFIG;
  if (!c) throw new Error("E2E_PROSODY_CONFIG is not set: run through playwright.config.ts (global setup)");
  return c;
};

const words = {
  de: {
    change: "Passwort ändern",
    del: "Konto löschen",
    address: "Deine Adresse",
    current: "Aktuelles Passwort",
    newPw: "Neues Passwort",
    newPw2: "Neues Passwort wiederholen",
    confirm: "Gib zur Bestätigung deine Adresse ein",
    delSubmit: "Konto endgültig löschen",
    deleted: "Konto gelöscht",
    changed: (jid: string) => `Das Passwort von ${jid} ist geändert. Deine Apps fragen nach dem neuen Passwort.`,
    notAuthorized: "Die Adresse oder das Passwort stimmt nicht.",
    notAllowed: "Der Server erlaubt das hier nicht. Bitte nutze deine XMPP-App oder frag den Administrator.",
    unreachable: "Der Server ist gerade nicht erreichbar. Bitte prüfe deine Verbindung und versuche es später noch einmal.",
  },
  en: {
    change: "Change the password",
    del: "Delete the account",
    address: "Your address",
    current: "Current password",
    newPw: "New password",
    newPw2: "Repeat the new password",
    confirm: "To confirm, type your address",
    delSubmit: "Delete account for good",
    deleted: "Account deleted",
    changed: (jid: string) => `The password of ${jid} has been changed. Your apps will ask for the new password.`,
    notAuthorized: "The address or the password is wrong.",
    notAllowed: "The server does not allow this here. Please use your XMPP app, or ask the administrator.",
    unreachable: "The server cannot be reached right now. Please check your connection and try again later.",
  },
} as const;
type Lang = keyof typeof words;

/** What the page sent and received over its WebSockets, and whether each socket is closed. */
function recordFrames(page: Page): { sent: string[]; received: string[]; closed: () => boolean[] } {
  const sockets: Array<{ isClosed(): boolean }> = [];
  const r = { sent: [] as string[], received: [] as string[], closed: () => sockets.map((s) => s.isClosed()) };
  page.on("websocket", (ws) => {
    sockets.push(ws);
    ws.on("framesent", (f) => r.sent.push(String(f.payload)));
    ws.on("framereceived", (f) => r.received.push(String(f.payload)));
  });
  return r;
}

const offered = (received: string[]) => [...(received.find((f) => f.includes("<mechanisms")) ?? "").matchAll(/<mechanism>([^<]+)<\/mechanism>/g)].map((m) => m[1]);
const used = (sent: string[]) => sent.map((f) => /<auth [^>]*mechanism=["']([^"']+)/.exec(f)?.[1]).filter(Boolean);

async function changePassword(page: Page, lang: Lang, jid: string, current: string, next: string) {
  const w = words[lang];
  const form = page.getByRole("form", { name: w.change });
  await form.getByLabel(w.address, { exact: true }).fill(jid);
  await form.getByLabel(w.current, { exact: true }).fill(current);
  await form.getByLabel(w.newPw, { exact: true }).fill(next);
  await form.getByLabel(w.newPw2, { exact: true }).fill(next);
  await form.getByRole("button", { name: w.change }).click();
  return form;
}

async function deleteAccount(page: Page, lang: Lang, jid: string, password: string, confirm = jid) {
  const w = words[lang];
  const form = page.getByRole("form", { name: w.del });
  await form.getByLabel(w.address, { exact: true }).fill(jid);
  await form.getByLabel(w.current, { exact: true }).fill(password);
  await form.getByLabel(w.confirm, { exact: true }).fill(confirm);
  await form.getByRole("button", { name: w.delSubmit }).click();
  return form;
}

/** Nothing stored: no cookies, empty localStorage and sessionStorage. */
async function expectNothingStored(page: Page) {
  expect(await page.context().cookies()).toEqual([]);
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
}

const fileExists = (f: string) =>
  fs.access(f).then(
    () => true,
    () => false,
  );

test.describe("the site's Prosody (SCRAM-SHA-1 and PLAIN offered)", () => {
  test("change the password: the new one logs in, the old one fails; SCRAM-SHA-1 was used; nothing stored", async ({ page }) => {
    const user = uniqueName("konto");
    const jid = `${user}@${domain()}`;
    await createAccount(mainConfig(), domain(), user, "altes Passwort 1");
    const frames = recordFrames(page);
    await page.goto("/account/");
    const form = await changePassword(page, "de", jid, "altes Passwort 1", "neues Passwort 2");
    await expect(form.getByRole("status")).toHaveText(words.de.changed(jid));
    await expect(form.getByLabel(words.de.current, { exact: true })).toHaveValue("");
    await expect(form.getByLabel(words.de.newPw, { exact: true })).toHaveValue("");
    expect(offered(frames.received)).toEqual(expect.arrayContaining(["SCRAM-SHA-1"]));
    expect(offered(frames.received)).not.toContain("SCRAM-SHA-256");
    expect(used(frames.sent)).toEqual(["SCRAM-SHA-1"]);
    // one stream, closed by the page once the change is done
    expect(frames.sent.filter((f) => f.startsWith("<close"))).toHaveLength(1);
    await expect.poll(frames.closed).toEqual([true]);
    // the password went only as the XEP-0077 change, never in an <auth/> (PLAIN) frame
    expect(frames.sent.filter((f) => f.includes("neues Passwort 2"))).toHaveLength(1);

    await expect(login(mainWebsocket(), domain(), user, "neues Passwort 2")).resolves.toEqual({ jid, mechanism: "SCRAM-SHA-1" });
    await expect(login(mainWebsocket(), domain(), user, "altes Passwort 1")).rejects.toThrow(/not-authorized/);
    await expectNothingStored(page);
  });

  test("delete the account (English page): login fails afterwards and its file is gone from Prosody's data", async ({ page }) => {
    const user = uniqueName("weg");
    const jid = `${user}@${domain()}`;
    await createAccount(mainConfig(), domain(), user, "a password 123");
    const file = accountFile(mainConfig(), domain(), user);
    expect(await fileExists(file), `${file} after prosodyctl register`).toBe(true);
    await page.goto("/en/account/");
    await expect(page.getByText("your contact list and your profile")).toBeVisible();
    await expect(page.getByText("Files you uploaded to share stay until their storage time runs out")).toBeVisible();
    await deleteAccount(page, "en", jid.toUpperCase(), "a password 123", ` ${jid} `);
    const done = page.getByRole("region", { name: words.en.deleted });
    await expect(done).toBeVisible();
    await expect(done).toHaveText(new RegExp(`The account ${jid} has been deleted.`));
    await expect(page.getByRole("form", { name: words.en.change })).toBeHidden();
    await expect(login(mainWebsocket(), domain(), user, "a password 123")).rejects.toThrow(/not-authorized/);
    expect(await fileExists(file)).toBe(false);
    await expectNothingStored(page);
  });

  test("a wrong current password: the not-authorized message; the address is kept, the passwords emptied, nothing changed", async ({ page }) => {
    const user = uniqueName("falsch");
    const jid = `${user}@${domain()}`;
    await createAccount(mainConfig(), domain(), user, "richtiges Passwort");
    await page.goto("/account/");
    const form = await changePassword(page, "de", jid, "falsches Passwort", "neues Passwort 2");
    await expect(form.getByRole("alert").filter({ hasText: words.de.notAuthorized })).toBeVisible();
    await expect(form.locator("[data-problem]")).toHaveAttribute("data-condition", "not-authorized");
    await expect(form.getByLabel(words.de.address, { exact: true })).toHaveValue(jid);
    await expect(form.getByLabel(words.de.current, { exact: true })).toHaveValue("");
    await expect(form.getByLabel(words.de.current, { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(login(mainWebsocket(), domain(), user, "richtiges Passwort")).resolves.toMatchObject({ jid });
  });

  test("a typed confirmation that is not the address stops the deletion before anything is sent", async ({ page }) => {
    const frames = recordFrames(page);
    await page.goto("/en/account/");
    const form = await deleteAccount(page, "en", `someone@${domain()}`, "pw", `someone-else@${domain()}`);
    await expect(form.getByText("This is not the same address. Please type your address exactly to confirm.")).toBeVisible();
    expect(frames.sent).toEqual([]);
  });
});

test.describe("Prosody without XEP-0077 (mod_register disabled)", () => {
  const t = testWithServer({ disabledModules: ["register"] });
  t("the server refuses the change: its message in the page's language", async ({ page, server }) => {
    const user = uniqueName("zu");
    await createAccount(server.configFile, domain(), user, "ein Passwort 1");
    await page.goto("/account/");
    const form = await changePassword(page, "de", `${user}@${domain()}`, "ein Passwort 1", "neues Passwort 2");
    await expect(form.getByRole("alert").filter({ hasText: words.de.notAllowed })).toBeVisible();
    await expect(form.locator("[data-problem]")).toHaveAttribute("data-condition", /^(service-unavailable|feature-not-implemented|not-allowed)$/);
    await expect(login(server.websocketURL, domain(), user, "ein Passwort 1")).resolves.toMatchObject({ mechanism: "SCRAM-SHA-1" });
  });
});

test.describe("Prosody stopped after the page was loaded", () => {
  const t = testWithServer({});
  // Chromium itself logs the failed handshake (nginx answers 502 without Prosody)
  t.use({ allowConsoleErrors: [/WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/xmpp-websocket' failed/] });
  t("the unreachable message; the typed address and confirmation are kept", async ({ page, server }) => {
    const user = uniqueName("halt");
    const jid = `${user}@${domain()}`;
    await createAccount(server.configFile, domain(), user, "ein Passwort 1");
    await page.goto("/en/account/");
    await server.stop();
    const form = await deleteAccount(page, "en", jid, "ein Passwort 1");
    await expect(form.getByRole("alert").filter({ hasText: words.en.unreachable })).toBeVisible();
    await expect(form.getByLabel(words.en.address, { exact: true })).toHaveValue(jid);
    await expect(form.getByLabel(words.en.confirm, { exact: true })).toHaveValue(jid);
    await expect(form.getByLabel(words.en.current, { exact: true })).toHaveValue("");
  });
});

test.describe("Prosody offering SCRAM-SHA-1, SCRAM-SHA-256 and PLAIN (internal_plain)", () => {
  const t = testWithServer({ authentication: "internal_plain" });
  t("the page picks SCRAM-SHA-256, the strongest; the change works", async ({ page, server }) => {
    const user = uniqueName("stark");
    const jid = `${user}@${domain()}`;
    await createAccount(server.configFile, domain(), user, "altes Passwort 1");
    const frames = recordFrames(page);
    await page.goto("/account/");
    const form = await changePassword(page, "de", jid, "altes Passwort 1", "neues Passwort 2");
    await expect(form.getByRole("status")).toHaveText(words.de.changed(jid));
    expect(offered(frames.received)).toEqual(expect.arrayContaining(["SCRAM-SHA-1", "SCRAM-SHA-256", "PLAIN"]));
    expect(used(frames.sent)).toEqual(["SCRAM-SHA-256"]);
    await expect(login(server.websocketURL, domain(), user, "neues Passwort 2")).resolves.toEqual({ jid, mechanism: "SCRAM-SHA-1" });
    await expect(login(server.websocketURL, domain(), user, "altes Passwort 1")).rejects.toThrow(/not-authorized/);
  });
});

test.describe("Prosody storing SCRAM-SHA-256 hashes (password_hash = SHA-256)", () => {
  const t = testWithServer({ passwordHash: "SHA-256" });
  t("only SCRAM-SHA-256 (and PLAIN) offered: the page logs in with SCRAM-SHA-256 and deletes the account", async ({ page, server }) => {
    const user = uniqueName("sha");
    const jid = `${user}@${domain()}`;
    await createAccount(server.configFile, domain(), user, "ein Passwort 1");
    const frames = recordFrames(page);
    await page.goto("/account/");
    await deleteAccount(page, "de", jid, "ein Passwort 1");
    await expect(page.getByRole("region", { name: words.de.deleted })).toBeVisible();
    expect(offered(frames.received)).not.toContain("SCRAM-SHA-1");
    expect(used(frames.sent)).toEqual(["SCRAM-SHA-256"]);
    expect(await fileExists(accountFile(server.configFile, domain(), user))).toBe(false);
  });
});

test("without JavaScript: the forms are hidden and the page says how to do it in an app", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL as string });
  const page = await ctx.newPage();
  for (const [path, title, app] of [
    ["/account/", "Dein Konto ohne JavaScript", "Passwort auf dem Server ändern"],
    ["/en/account/", "Your account without JavaScript", "Change password on server"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.locator(".register-noscript")).toContainText(app);
    await expect(page.locator(".register-noscript").getByRole("link")).toHaveAttribute("href", path === "/account/" ? "/clients/" : "/en/clients/");
    await expect(page.locator("form[data-account-form]").first()).toBeHidden();
  }
  await ctx.close();
});
