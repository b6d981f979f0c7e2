// /register/ and /en/register/: a visitor signs up in Chromium through the form; the account is
// then proven by logging in over the XMPP WebSocket with @xmpp/client (SCRAM-SHA-1). Every server
// is Debian's Prosody 0.12 (global setup: behind the site's nginx; others started here).
import { test, expect } from "./support/fixtures.ts";
import { login } from "./support/xmpp.ts";
import { TIMEOUT_MS } from "../themes/broccoli/assets/ts/xmpp/session.ts";
import { domain, mainWebsocket, uniqueName, fillForm, submit, expectKeptAfterError, testWithServer, labels } from "./support/signup.ts";

test.describe("register with the site's Prosody", () => {
  test("a new account is created and can log in with SCRAM-SHA-1", async ({ page }) => {
    const sockets: string[] = [];
    page.on("websocket", (ws) => sockets.push(ws.url()));
    await page.goto("/register/");
    await expect(page.locator(".register-domain")).toHaveText(`@${domain()}`);
    const name = uniqueName("Neu.");
    const local = name.toLowerCase();
    const password = "korrekt Pferd Batterie";
    await fillForm(page, "de", { username: `  ${name} `, password });
    await submit(page, "de");

    const success = page.getByRole("region", { name: "Willkommen!" });
    await expect(success).toBeVisible();
    await expect(success).toBeFocused();
    const jid = `${local}@${domain()}`;
    await expect(success.locator("[data-jid]")).toHaveText(jid);
    await expect(success.getByRole("link", { name: `xmpp:${jid}` })).toHaveAttribute("href", `xmpp:${jid}`);
    await expect(success.getByRole("img", { name: `QR-Code deiner Adresse xmpp:${jid}` })).toBeVisible();
    await expect(success.getByRole("link", { name: "Eine App aussuchen" })).toHaveAttribute("href", "/clients/");
    await expect(success.getByRole("link", { name: "Anleitungen für den Einstieg" })).toHaveAttribute("href", "/tutorials/");
    await expect(page.locator("form[data-register-form]")).toBeHidden();
    // the page talked to the websocket its host-meta names: the site's own nginx
    expect(sockets).toEqual([mainWebsocket()]);

    const session = await login(mainWebsocket(), domain(), local, password);
    expect(session).toEqual({ jid, mechanism: "SCRAM-SHA-1" });
  });

  test("a taken name says so and keeps the name, the passwords are emptied (English page)", async ({ page }) => {
    const name = uniqueName("taken");
    await page.goto("/en/register/");
    await fillForm(page, "en", { username: name, password: "first password 1" });
    await submit(page, "en");
    await expect(page.getByRole("region", { name: "Welcome!" })).toBeVisible();

    await page.goto("/en/register/");
    await fillForm(page, "en", { username: name, password: "second password 2" });
    await submit(page, "en");
    const alert = page.locator("[data-problem]");
    await expect(alert).toContainText(`The name “${name}” is already taken. Please choose another one.`);
    await expect(alert).toHaveAttribute("role", "alert");
    await expect(page.getByLabel("Username", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expectKeptAfterError(page, "en", name);
    await expect(page.getByRole("button", { name: "Create account" })).toBeEnabled();
    // the first password is still the account's
    await expect(login(mainWebsocket(), domain(), name, "first password 1")).resolves.toMatchObject({ mechanism: "SCRAM-SHA-1" });
  });
});

test("the form's fields: labels, autocomplete for password managers, the terms page linked, in both languages", async ({ page }) => {
  for (const [lang, path, terms] of [
    ["de", "/register/", "/terms/"],
    ["en", "/en/register/", "/en/terms/"],
  ] as const) {
    await page.goto(path);
    const l = labels[lang];
    await expect(page.getByLabel(l.username, { exact: true })).toHaveAttribute("autocomplete", "username");
    await expect(page.getByLabel(l.password, { exact: true })).toHaveAttribute("autocomplete", "new-password");
    await expect(page.getByLabel(l.password2, { exact: true })).toHaveAttribute("autocomplete", "new-password");
    await expect(page.getByRole("checkbox", { name: l.terms })).not.toBeChecked();
    await expect(page.locator(".register-terms-link")).toHaveAttribute("href", terms);
    await expect(page.locator("[data-status]")).toHaveAttribute("aria-live", "polite");
    await expect(page.locator(".register-domain")).toHaveText(`@${domain()}`);
  }
});

test.describe("invalid input is caught before anything is sent", () => {
  const de = [
    ...['"', "&", "'", "/", ":", "<", ">", "@"].map((ch) => ({
      what: `username with ${ch}`,
      entry: { username: `an${ch}na`, password: "lang genug 123" },
      field: "Benutzername",
      text: `Diese Zeichen sind im Benutzernamen nicht erlaubt: ${ch}`,
    })),
    { what: "username with a space", entry: { username: "anna maria", password: "lang genug 123" }, field: "Benutzername", text: "Der Benutzername darf keine Leerzeichen enthalten." },
    { what: "empty username", entry: { username: "", password: "lang genug 123" }, field: "Benutzername", text: "Bitte gib einen Benutzernamen ein." },
    { what: "username too long", entry: { username: "a".repeat(65), password: "lang genug 123" }, field: "Benutzername", text: "Der Benutzername darf höchstens 64 Zeichen lang sein." },
    { what: "password too short", entry: { username: "anna", password: "kurz123" }, field: "Passwort", text: "Das Passwort muss mindestens 8 Zeichen lang sein." },
    {
      what: "passwords differ",
      entry: { username: "anna", password: "lang genug 123", password2: "lang genug 124" },
      field: "Passwort wiederholen",
      text: "Die beiden Passwörter stimmen nicht überein.",
    },
    {
      what: "username with a control character",
      entry: { username: "an\u0007na", password: "lang genug 123" },
      field: "Benutzername",
      text: "Diese Zeichen sind im Benutzernamen nicht erlaubt: U+0007",
    },
    // XML cannot carry it: Prosody would end the stream as not-well-formed, and the page would say the server is unreachable
    {
      what: "password with a control character",
      entry: { username: "anna", password: "lang\u0001genug 123" },
      field: "Passwort",
      text: "Das Passwort enthält ein unsichtbares Steuerzeichen, das nicht gesendet werden kann. Bitte gib es ohne dieses Zeichen ein.",
    },
    { what: "terms not accepted", entry: { username: "anna", password: "lang genug 123", terms: false }, field: null, text: "Bitte akzeptiere die Nutzungsbedingungen." },
  ];
  for (const c of de) {
    test(`de: ${c.what}`, async ({ page }) => {
      const sockets: string[] = [];
      page.on("websocket", (ws) => sockets.push(ws.url()));
      await page.goto("/register/");
      await fillForm(page, "de", c.entry);
      await submit(page, "de");
      await expect(page.getByText("Bitte prüfe die markierten Felder.")).toBeVisible();
      if (c.field) {
        const input = page.getByLabel(c.field, { exact: true });
        await expect(input).toHaveAttribute("aria-invalid", "true");
        await expect(input).toBeFocused();
        // the error is the input's description, so a screen reader reads it with the field
        await expect(input).toHaveAccessibleDescription(new RegExp(`^${c.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      } else {
        await expect(page.getByRole("checkbox", { name: labels.de.terms })).toHaveAccessibleDescription(c.text);
      }
      await expect(page.getByLabel(labels.de.username, { exact: true })).toHaveValue(c.entry.username);
      expect(sockets, "nothing was sent to the server").toEqual([]);
    });
  }

  test("en: the same checks speak English", async ({ page }) => {
    await page.goto("/en/register/");
    await fillForm(page, "en", { username: "a@b", password: "short", password2: "other", terms: false });
    await submit(page, "en");
    await expect(page.getByText("Please check the marked fields.")).toBeVisible();
    await expect(page.getByLabel("Username", { exact: true })).toHaveAccessibleDescription(/^These characters are not allowed in a username: @/);
    await expect(page.getByLabel("Password", { exact: true })).toHaveAccessibleDescription(/^The password must be at least 8 characters long\./);
    await expect(page.getByRole("checkbox", { name: labels.en.terms })).toHaveAccessibleDescription("Please accept the terms of use.");
    // a password problem empties both password fields
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  });
});

const closed = testWithServer({ allowRegistration: false });
closed("registration disabled on the server: the page says registration is closed", async ({ page, server }) => {
  await page.goto("/register/");
  const name = uniqueName();
  await fillForm(page, "de", { username: name, password: "lang genug 123" });
  await submit(page, "de");
  await expect(page.locator("[data-problem]")).toContainText("Die Registrierung über die Webseite ist zurzeit geschlossen.");
  await expectKeptAfterError(page, "de", name);
  await expect(login(server.websocketURL, server.domain, name, "lang genug 123")).rejects.toThrow(/not-authorized/);
});

const stopped = testWithServer({ stopped: true });
// Chromium itself logs the failed handshake (nginx answers 502 without Prosody)
stopped.use({ allowConsoleErrors: [/WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/xmpp-websocket' failed/] });
stopped("the server is stopped: the page says it cannot be reached", async ({ page }) => {
  await page.goto("/register/");
  const name = uniqueName();
  await fillForm(page, "de", { username: name, password: "lang genug 123" });
  await submit(page, "de");
  await expect(page.locator("[data-problem]")).toContainText("Der Server ist gerade nicht erreichbar.");
  await expectKeptAfterError(page, "de", name);
  await expect(page.getByRole("button", { name: "Konto anlegen" })).toBeEnabled();
});

const throttled = testWithServer({ throttle: { max: 1, periodSeconds: 3600 } });
throttled("throttling: the second registration from the same address is asked to wait", async ({ page, server }) => {
  await page.goto("/en/register/");
  const first = uniqueName();
  await fillForm(page, "en", { username: first, password: "long enough 123" });
  await submit(page, "en");
  await expect(page.getByRole("region", { name: "Welcome!" })).toBeVisible();

  await page.goto("/en/register/");
  const second = uniqueName();
  await fillForm(page, "en", { username: second, password: "long enough 123" });
  await submit(page, "en");
  await expect(page.locator("[data-problem]")).toContainText("Too many registrations in a short time. Please try again later.");
  await expect(page.locator("[data-problem]")).toContainText("The server said: Too many registrations from this IP address recently");
  await expectKeptAfterError(page, "en", second);
  await expect(login(server.websocketURL, server.domain, first, "long enough 123")).resolves.toMatchObject({ mechanism: "SCRAM-SHA-1" });
  await expect(login(server.websocketURL, server.domain, second, "long enough 123")).rejects.toThrow(/not-authorized/);
});

test("without JavaScript the page explains the client way and offers xmpp:DOMAIN?register", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL as string });
  const page = await ctx.newPage();
  await page.goto("/register/");
  await expect(page.getByRole("heading", { name: "Registrieren ohne JavaScript" })).toBeVisible();
  await expect(page.getByRole("link", { name: `xmpp:${domain()}?register` }).first()).toHaveAttribute("href", `xmpp:${domain()}?register`);
  await expect(page.locator("form[data-register-form]")).toBeHidden();
  await ctx.close();
});

const askingMore = testWithServer({ extraFields: ["email+"] });
askingMore("a server that asks for more (email) gets its field filled in, then registers", async ({ page, server }) => {
  await page.goto("/en/register/");
  const name = uniqueName("mail");
  await fillForm(page, "en", { username: name, password: "long enough 123" });
  await submit(page, "en");
  const extra = page.getByRole("group", { name: "The server needs a few more details" });
  await expect(extra).toBeVisible();
  await expect(page.locator("[data-problem]")).toContainText("The server asks for more details.");
  await expect(extra.getByText("Choose a username and password for use with this service.")).toBeVisible();
  const email = extra.getByLabel("Email *");
  await expect(email).toBeFocused();
  // nothing was submitted yet, so nothing typed is lost
  await expect(page.getByLabel("Username", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("long enough 123");

  // the extra field is required too, checked before sending
  await submit(page, "en");
  await expect(email).toHaveAccessibleDescription("Please fill in this field.");
  await email.fill(`${name}@example.org`);
  await submit(page, "en");
  await expect(page.getByRole("region", { name: "Welcome!" })).toBeVisible();
  await expect(login(server.websocketURL, server.domain, name, "long enough 123")).resolves.toMatchObject({ mechanism: "SCRAM-SHA-1" });
});

test("host-meta that never answers: after the session's timeout the page says the server cannot be reached", async ({ page }) => {
  // the page's clock is the test's, so the 15 s pass at once; the look-up of the endpoint is held without an answer
  await page.clock.install();
  const held: string[] = [];
  await page.route("**/.well-known/host-meta*", (route) => void held.push(route.request().url()));
  const sockets: string[] = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  await page.goto("/register/");
  const name = uniqueName();
  await fillForm(page, "de", { username: name, password: "lang genug 123" });
  await submit(page, "de");
  await expect(page.locator("form[data-register-form]")).toHaveAttribute("aria-busy", "true");
  await expect.poll(() => held.length).toBe(1);
  await page.clock.runFor(TIMEOUT_MS);
  await expect(page.locator("[data-problem]")).toContainText("Der Server ist gerade nicht erreichbar.");
  await expectKeptAfterError(page, "de", name);
  await expect(page.getByRole("button", { name: "Konto anlegen" })).toBeEnabled();
  expect(sockets).toEqual([]);
});

// Prosody 0.12 cannot be told to answer with an out-of-band URL: a test-only module does (e2e/prosody/modules)
const oobHttps = testWithServer({ registerOobUrl: "https://signup.example.org/register?from=web" });
oobHttps("a server that registers on a web page: its https: address becomes the alternative link", async ({ page }) => {
  await page.goto("/en/register/");
  const name = uniqueName();
  await fillForm(page, "en", { username: name, password: "long enough 123" });
  await submit(page, "en");
  const problem = page.locator("[data-problem]");
  await expect(problem).toContainText("The server asks for something this page cannot show");
  await expect(problem).toContainText("The server said: Please register on our web page.");
  await expect(problem.locator("[data-alternative-link]")).toHaveAttribute("href", "https://signup.example.org/register?from=web");
  await expectKeptAfterError(page, "en", name);
});

const oobScript = testWithServer({ registerOobUrl: " JavaScript:alert(document.domain)" });
oobScript("an out-of-band address that is not https: is not offered; the page's own alternative is", async ({ page }) => {
  await page.goto("/en/register/");
  const name = uniqueName();
  await fillForm(page, "en", { username: name, password: "long enough 123" });
  await submit(page, "en");
  const problem = page.locator("[data-problem]");
  await expect(problem).toContainText("The server asks for something this page cannot show");
  await expect(problem.locator("[data-alternative-link]")).toHaveAttribute("href", `xmpp:${domain()}?register`);
  await expect(page.locator('a[href*="script:" i]')).toHaveCount(0);
  await expectKeptAfterError(page, "en", name);
});
