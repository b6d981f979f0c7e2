// /invite/#TOKEN: Prosody's invitations (mod_invites + mod_invites_register), created the operator's way
// with `prosodyctl mod_invites generate`, used from the browser with the preauth token.
import { test, expect } from "./support/fixtures.ts";
import { login } from "./support/xmpp.ts";
import { createInvite } from "./support/prosody.ts";
import { domain, mainWebsocket, uniqueName, fillForm, submit, expectKeptAfterError, testWithServer } from "./support/register.ts";

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
  expect(sockets).toEqual([mainWebsocket()]);
  await expect(login(mainWebsocket(), domain(), name, "eingeladen 12345")).resolves.toEqual({ jid: `${name}@${domain()}`, mechanism: "SCRAM-SHA-1" });

  // the same link a second time
  await page.goto("/");
  await page.goto(`/invite/#${token}`);
  const other = uniqueName("zweit");
  await fillForm(page, "de", { username: other, password: "eingeladen 12345" });
  await submit(page, "de");
  await expect(page.locator("[data-problem]")).toContainText("Diese Einladung ist ungültig, abgelaufen oder wurde schon benutzt.");
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
expiring("an expired invitation gets a clear message and creates no account", async ({ page, server }) => {
  const { token } = await server.createInvite();
  await page.goto(`/en/invite/#${token}`);
  const name = uniqueName("late");
  await fillForm(page, "en", { username: name, password: "too late 12345" });
  await submit(page, "en");
  await expect(page.locator("[data-problem]")).toContainText("This invitation is invalid, has expired or has already been used.");
  await expect(page.locator("[data-problem]")).toContainText("The server said: The invite token is invalid or expired");
  await expectKeptAfterError(page, "en", name);
  await expect(login(server.websocketURL, server.domain, name, "too late 12345")).rejects.toThrow(/not-authorized/);
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
