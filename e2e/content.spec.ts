// The content pages and their shortcodes: every page reachable from the menus in both languages,
// the xeps filter, the xmpp: URI with its QR code, contacts and clients from hugo.toml and data/.
import { readFileSync } from "node:fs";
import TOML from "@iarna/toml";
import { test, expect } from "./support/fixtures.ts";

const config = TOML.parse(readFileSync("hugo.toml", "utf8")) as unknown as {
  params: { xmpp: { domain: string }; contact: { admin: string; email: string; support: string } };
};
const { domain } = config.params.xmpp;
const contact = config.params.contact;
const supportJid = contact.support.replace(/^xmpp:/, "").split("?")[0] as string;
/** the entries of data/xeps.toml: the table shows every one */
const XEP_COUNT = (TOML.parse(readFileSync("data/xeps.toml", "utf8")) as { xep: unknown[] }).xep.length;

const langs = [
  {
    home: "/",
    main: ["Startseite", "XMPP", "Clients", "Anleitungen", "Technik", "Neuigkeiten", "Registrieren"],
    footer: ["Über uns", "Hilfe", "Dein Konto", "Spenden", "Datenschutz", "Nutzungsbedingungen", "Impressum"],
    filter: "Erweiterungen filtern",
    status: (n: number) => `${n} von ${XEP_COUNT} Erweiterungen`,
    none: "Keine Erweiterung passt zu deiner Suche.",
    battery: "Akku",
    qr: `QR-Code für xmpp:${supportJid}?join`,
  },
  {
    home: "/en/",
    main: ["Home", "XMPP", "Clients", "Tutorials", "Technology", "News", "Register"],
    footer: ["About", "Help", "Your account", "Donate", "Privacy", "Terms of use", "Imprint"],
    filter: "Filter extensions",
    status: (n: number) => `${n} of ${XEP_COUNT} extensions`,
    none: "No extension matches your search.",
    battery: "battery",
    qr: `QR code for xmpp:${supportJid}?join`,
  },
];

for (const l of langs) {
  const p = (path: string) => (l.home === "/" ? path : `/en${path}`);

  test.describe(`content ${l.home}`, () => {
    test("every page is reachable from the main and footer menus", async ({ page }) => {
      await page.goto(l.home);
      await expect(page.getByRole("navigation").first()).toBeVisible();
      const targets: Array<[string, string]> = [];
      for (const [names, where] of [
        [l.main, "header"],
        [l.footer, "footer"],
      ] as const) {
        for (const name of names) {
          const link = page.locator(where).getByRole("link", { name, exact: true });
          await expect(link, `${where} menu: ${name}`).toHaveCount(1);
          targets.push([name, (await link.getAttribute("href")) as string]);
        }
      }
      for (const [name, href] of targets) {
        const res = await page.goto(href);
        expect(res?.status(), `${name} -> ${href}`).toBe(200);
        await expect(page.locator("h1"), `${name}: one h1`).toHaveCount(1);
        const path = new URL(page.url()).pathname;
        expect(path.startsWith("/en/"), `${name} stays in its language`).toBe(l.home === "/en/");
      }
    });

    test("the xeps filter narrows the table and says how many rows are left", async ({ page }) => {
      await page.goto(p("/xmpp/"));
      const rows = page.locator("[data-xeps-row]");
      await expect(rows).toHaveCount(XEP_COUNT);
      const box = page.getByLabel(l.filter);
      await expect(box).toBeVisible();
      const visibleRows = page.locator("[data-xeps-row]:visible");
      await expect(visibleRows).toHaveCount(XEP_COUNT);

      await box.fill("313");
      await expect(visibleRows).toHaveCount(1);
      await expect(visibleRows.first()).toContainText("Message Archive Management");
      await expect(page.locator("[data-xeps-status]")).toHaveText(l.status(1));

      await box.fill(l.battery);
      await expect(visibleRows).toHaveCount(2);
      await expect(visibleRows.nth(0)).toContainText("XEP-0115");
      await expect(visibleRows.nth(1)).toContainText("XEP-0352");

      await box.fill("no-such-extension");
      await expect(visibleRows).toHaveCount(0);
      await expect(page.getByText(l.none)).toBeVisible();

      await box.fill("");
      await expect(visibleRows).toHaveCount(XEP_COUNT);
      await expect(page.getByText(l.none)).toBeHidden();
    });

    test("the support group chat is an xmpp: link with ?join and a QR code drawn locally", async ({ page }) => {
      await page.goto(p("/about/"));
      const link = page.getByRole("link", { name: supportJid, exact: true }).first();
      await expect(link).toHaveAttribute("href", `xmpp:${supportJid}?join`);
      const qr = page.getByRole("img", { name: l.qr }).first();
      await expect(qr).toBeVisible();
      const box = await qr.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(100);
      await expect(qr.locator("path")).toHaveAttribute("d", /^M\d+ \d+h\d+v1h-\d+z/);
      await expect(page.locator(".xmpp-uri [style], .xmpp-uri style")).toHaveCount(0);
      // admin and e-mail come from hugo.toml [params.contact]
      await expect(page.locator(`a[href="xmpp:${contact.admin}"]`).first()).toHaveText(contact.admin);
      await expect(page.locator(`a[href="mailto:${contact.email}"]`).first()).toHaveText(contact.email);
    });

    test("clients are grouped by platform and link to our tutorials", async ({ page }) => {
      await page.goto(p("/clients/"));
      const platforms = page.locator(".clients-platform h2");
      await expect(platforms).toHaveCount(7);
      const android = page.locator(".clients-platform").first();
      await expect(android.locator(".client-name")).toHaveText(["Conversations", "Cheogram", "monocles chat"]);
      const card = android.locator(".client-card").first();
      await expect(card.locator(".client-omemo")).toHaveText("OMEMO");
      await card.locator(".client-tutorial").click();
      await expect(page).toHaveURL(new RegExp(`${p("/tutorials/conversations/")}$`));
      await expect(page.locator("h1")).toHaveText("Conversations (Android)");
      // the tutorials show addresses on this server, written from config
      await expect(page.locator("code.jid").first()).toHaveText(`anna@${domain}`);
    });
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the xeps table is complete and the filter box stays hidden", async ({ page }) => {
    await page.goto("/xmpp/");
    await expect(page.locator("[data-xeps-row]:visible")).toHaveCount(XEP_COUNT);
    await expect(page.getByLabel("Erweiterungen filtern")).toBeHidden();
  });

  test("the xmpp: link is there; the empty QR box is not shown", async ({ page }) => {
    await page.goto("/about/");
    await expect(page.locator(`a[href="xmpp:${supportJid}?join"]`).first()).toBeVisible();
    await expect(page.locator(".xmpp-uri-qr").first()).toBeHidden();
  });
});
