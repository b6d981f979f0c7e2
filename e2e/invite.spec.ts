// /invite/#TOKEN: Prosody's invitations (mod_invites + mod_invites_register), created the operator's way
// with `prosodyctl mod_invites generate`, used from the browser with the preauth token.
import { test, expect } from "./support/fixtures.ts";
import { login } from "./support/xmpp.ts";
import { createInvite } from "./support/prosody.ts";
import { domain, mainWebsocket, uniqueName, fillForm, submit, expectKeptAfterError, testWithServer } from "./support/signup.ts";

const prosodyConfig = () => {
  const c = process.env.E2E_PROSODY_CONFIG;
  if (!c) throw new Error("E2E_PROSODY_CONFIG is not set: run through playwright.config.ts (global setup)");
  return c;
};

test("an invitation registers once; the same token again is refused", async ({ page }) => {
  const { token, uri } = await createInvite(prosodyConfig(), domain());
  const sockets: string[] = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  await page.goto(`/invite/#${token}`);

  // the app way: the xmpp: URI Prosody printed, as a link and a QR code
  const app = page.getByRole("region", { name: "Mit der App annehmen" });
  await expect(app.getByRole("link", { name: "Einladung in der App öffnen" })).toHaveAttribute("href", uri);
  await expect(app.getByRole("img", { name: "QR-Code der Einladung" })).toBeVisible();

  const name = uniqueName("gast");
  await fillForm(page, "de", { username: name, password: "eingeladen 12345" });
  await submit(page, "de");
  await expect(page.getByRole("region", { name: "Willkommen!" })).toBeVisible();
  await expect(page.locator("[data-jid]")).toHaveText(`${name}@${domain()}`);
  // the used token leaves the address bar
  expect(new URL(page.url()).hash).toBe("");
  // two connections, both through the site's nginx: the token check on load, then the registration
  expect(sockets).toEqual([mainWebsocket(), mainWebsocket()]);
  await expect(login(mainWebsocket(), domain(), name, "eingeladen 12345")).resolves.toEqual({ jid: `${name}@${domain()}`, mechanism: "SCRAM-SHA-1" });

  // the same link a second time: the page asks the server at once and says so before any typing
  await page.goto("/");
  await page.goto(`/invite/#${token}`);
  await expect(page.getByRole("alert").filter({ hasText: "Diese Einladung ist ungültig, abgelaufen oder wurde schon benutzt." })).toBeVisible();
  await expect(page.locator("form[data-register-form]")).toBeHidden();
  await expect(page.getByRole("region", { name: "Mit der App annehmen" })).toBeHidden();
});

test("an invitation used up while the form is open: the submission is refused and the name kept", async ({ page }) => {
  const { token } = await createInvite(prosodyConfig(), domain());
  await page.goto(`/invite/#${token}`);
  await expect(page.getByRole("region", { name: "Mit der App annehmen" })).toBeVisible();
  // someone else (another browser) uses the same link first
  const first = await page.context().browser()!.newPage();
  await first.goto(new URL(`/invite/#${token}`, process.env.E2E_BASE_URL).href);
  const name1 = uniqueName("erst");
  await fillForm(first, "de", { username: name1, password: "eingeladen 12345" });
  await submit(first, "de");
  await expect(first.getByRole("region", { name: "Willkommen!" })).toBeVisible();
  await first.close();

  const other = uniqueName("zweit");
  await fillForm(page, "de", { username: other, password: "eingeladen 12345" });
  await submit(page, "de");
  await expect(page.locator("[data-problem]")).toContainText("Diese Einladung ist ungültig, abgelaufen oder wurde schon benutzt.");
  await expect(page.locator("[data-problem]")).toContainText("Antwort des Servers: The invite token is invalid or expired");
  await expectKeptAfterError(page, "de", other);
  await expect(login(mainWebsocket(), domain(), other, "eingeladen 12345")).rejects.toThrow(/not-authorized/);
});

test("an invitation link without its token says so and shows no form", async ({ page }) => {
  await page.goto("/en/invite/");
  await expect(page.getByText("This invitation link is incomplete.")).toBeVisible();
  await expect(page.locator("form[data-register-form]")).toBeHidden();
  await expect(page.getByRole("region", { name: "Accept in the app" })).toBeHidden();
});

const expiring = testWithServer({ inviteExpiry: -60 });
expiring("an expired invitation gets a clear message at once", async ({ page, server }) => {
  const { token } = await server.createInvite();
  await page.goto(`/en/invite/#${token}`);
  await expect(page.getByRole("alert").filter({ hasText: "This invitation is invalid, has expired or has already been used." })).toBeVisible();
  await expect(page.locator("form[data-register-form]")).toBeHidden();
  await expect(page.getByRole("region", { name: "Accept in the app" })).toBeHidden();
});

const inviteOnly = testWithServer({ inviteOnly: true });
inviteOnly("on an invite-only server the register page is refused, the invite page works", async ({ page, server }) => {
  await page.goto("/en/register/");
  const name = uniqueName("open");
  await fillForm(page, "en", { username: name, password: "long enough 123" });
  await submit(page, "en");
  await expect(page.locator("[data-problem]")).toContainText("The server did not accept the registration.");
  await expect(page.locator("[data-problem]")).toContainText("The server said: Registration on this server is through invitation only");

  const { token } = await server.createInvite();
  await page.goto(`/en/invite/#${token}`);
  const invited = uniqueName("inv");
  await fillForm(page, "en", { username: invited, password: "long enough 123" });
  await submit(page, "en");
  await expect(page.getByRole("region", { name: "Welcome!" })).toBeVisible();
  await expect(login(server.websocketURL, server.domain, invited, "long enough 123")).resolves.toMatchObject({ mechanism: "SCRAM-SHA-1" });
});
