// /invite/#TOKEN: Prosody's invitations (mod_invites + mod_invites_register), created the operator's way
// with `prosodyctl mod_invites generate`, used from the browser with the preauth token.
import { readFileSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import qrcode from "qrcode-generator";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures.ts";
import { parseToml } from "../scripts/config/toml.ts";
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
  // the page has read the token and taken it out of the address bar (it registers from memory below)
  expect(await page.evaluate(() => location.href)).toBe(new URL("/invite/", process.env.E2E_BASE_URL).href);

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

// --- the app chooser, the QR code and the token's stay in the address bar ---

interface ClientData {
  name: string;
  platforms: string[];
  link: string;
  invites?: boolean;
  stores?: Record<string, string>;
}
const clientsData = parseToml(readFileSync("data/clients.toml", "utf8"), "data/clients.toml") as unknown as {
  platform: { key: string; name: Record<string, string> }[];
  client: ClientData[];
};
/** which store serves which platform (as partials/register/invite-apps.html says) */
const storePlatform: Record<string, string> = { fdroid: "android", googlePlay: "android", appStore: "ios", macAppStore: "macos" };
const storeName: Record<string, string> = { fdroid: "F-Droid", googlePlay: "Google Play", appStore: "App Store", macAppStore: "Mac App Store" };

const platformName = (key: string) => clientsData.platform.find((p) => p.key === key)!.name.en!;
const chooser = (page: Page) => page.getByRole("group", { name: "Your device" });

test("the app chooser lists, per platform, the apps from data/clients.toml that open invitations, with their stores", async ({ page }) => {
  // a real invitation: for a used or unknown one the page hides the chooser at once
  const { token } = await createInvite(prosodyConfig(), domain());
  await page.goto(`/en/invite/#${token}`);
  const platforms = clientsData.platform.filter((p) => clientsData.client.some((c) => c.platforms.includes(p.key)));
  await expect(chooser(page).getByRole("radio")).toHaveCount(platforms.length);
  let withApps = 0;
  for (const p of platforms) {
    const radio = chooser(page).getByRole("radio", { name: p.name.en!, exact: true });
    // keyboard-usable: the radio group is reached and changed with the keyboard too; here it is clicked by its label
    await page.locator(`label[for="${await radio.getAttribute("id")}"]`).click();
    await expect(radio).toBeChecked();
    const panel = page.locator(`.platform-panel[data-platform="${p.key}"]`);
    await expect(panel).toBeVisible();
    // only the checked platform's list is shown
    await expect(page.locator(".platform-panel:visible")).toHaveCount(1);
    const onPlatform = clientsData.client.filter((c) => c.platforms.includes(p.key));
    const inviting = onPlatform.filter((c) => c.invites);
    const listed = inviting.length ? inviting : onPlatform;
    await expect(panel.locator(".invite-app-name")).toHaveText(listed.map((c) => c.name));
    for (const c of listed) await expect(panel.getByRole("link", { name: c.name, exact: true })).toHaveAttribute("href", c.link);
    const stores = inviting.flatMap((c) =>
      Object.entries(c.stores ?? {})
        .filter(([store]) => storePlatform[store] === p.key)
        .map(([store, url]) => ({ name: new RegExp(`^${storeName[store]} ?: ${c.name}$`), url })),
    );
    await expect(panel.locator("a.invite-store")).toHaveCount(stores.length);
    for (const st of stores) await expect(panel.getByRole("link", { name: st.name })).toHaveAttribute("href", st.url);
    if (inviting.length) withApps += 1;
    else await expect(panel).toContainText("These apps do not open invitation links yet.");
  }
  // Android, iOS and macOS have apps that open invitations (Conversations and its forks, Monal, Siskin IM)
  expect(withApps).toBeGreaterThanOrEqual(3);

  // arrow keys move through the group, as in any radio group
  await page.locator(`label[for="invite-platform-${platforms[0]!.key}"]`).click();
  const first = chooser(page).getByRole("radio").first();
  await expect(first).toBeChecked();
  await first.focus();
  await page.keyboard.press("ArrowRight");
  await expect(chooser(page).getByRole("radio").nth(1)).toBeChecked();
  await expect(page.locator(`.platform-panel[data-platform="${platforms[1]!.key}"]`)).toBeVisible();
});

const agents: [string, string][] = [
  ["android", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"],
  ["ios", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"],
  ["windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"],
  ["macos", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"],
];
for (const [key, userAgent] of agents) {
  test.describe(`on ${key}`, () => {
    test.use({ userAgent });
    test(`the chooser preselects ${key}, and every platform stays selectable`, async ({ page }) => {
      const { token } = await createInvite(prosodyConfig(), domain());
      await page.goto(`/en/invite/#${token}`);
      await expect(chooser(page).getByRole("radio", { name: platformName(key), exact: true })).toBeChecked();
      await expect(page.locator(`.platform-panel[data-platform="${key}"]`)).toBeVisible();
      const other = key === "android" ? "linux" : "android";
      await page.locator(`label[for="invite-platform-${other}"]`).click();
      await expect(page.locator(`.platform-panel[data-platform="${other}"]`)).toBeVisible();
      await expect(page.locator(`.platform-panel[data-platform="${key}"]`)).toBeHidden();
    });
  });
}

/** The dark modules of the QR code SVG that qr.ts draws (one "MxYhWv1h-Wz" run per row segment). */
async function drawnModules(page: Page, label: string): Promise<boolean[][]> {
  const svg = page.getByRole("img", { name: label });
  const size = Number((await svg.getAttribute("viewBox"))!.split(" ")[2]);
  const d = (await svg.locator("path").getAttribute("d"))!;
  const quiet = 4;
  const n = size - 2 * quiet;
  const m = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(w); i += 1) m[Number(y) - quiet]![Number(x) - quiet + i] = true;
  }
  return m;
}

/** The modules qrcode-generator makes for text (error correction M, smallest version). */
function expectedModules(text: string): boolean[][] {
  const qr = qrcode(0, "M");
  qr.addData(text, "Byte");
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

test("the QR code holds this invitation page's own address; the token leaves the address bar and history", async ({ page }) => {
  const { token } = await createInvite(prosodyConfig(), domain());
  await page.goto("/en/");
  await page.goto(`/en/invite/#${token}`);
  const pageUrl = new URL(`/en/invite/#${token}`, process.env.E2E_BASE_URL).href;
  await expect(page.getByRole("img", { name: "QR code of the invitation" })).toBeVisible();
  expect(await drawnModules(page, "QR code of the invitation")).toEqual(expectedModules(pageUrl));
  expect(await drawnModules(page, "QR code of the invitation")).not.toEqual(expectedModules(`xmpp:${domain()}?register;preauth=${token}`));
  await expect(page.getByText("it opens this invitation on the phone")).toBeVisible();

  // read, then gone from the address bar, and from the history entry
  expect(await page.evaluate(() => location.hash)).toBe("");
  await page.goto("/en/");
  await page.goBack();
  expect(page.url()).not.toContain(token);
  await page.goForward();
  await page.goBack();
  expect(page.url()).toBe(new URL("/en/invite/", process.env.E2E_BASE_URL).href);
});

// the invite page is not in the sitemap (noindex), so the a11y spec does not see it: the chooser is checked here
for (const [vp, scheme] of [
  [{ width: 390, height: 844 }, "light"],
  [{ width: 1280, height: 800 }, "dark"],
] as const) {
  test(`the invite page with its chooser has no axe violations (${vp.width} px, ${scheme})`, async ({ page }) => {
    const { token } = await createInvite(prosodyConfig(), domain());
    await page.setViewportSize(vp);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/en/invite/#${token}`);
    await expect(page.getByRole("img", { name: "QR code of the invitation" })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    // no horizontal scrolling
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vp.width);
  });
}
