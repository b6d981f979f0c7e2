// The owner's technik page: every section and fact of the seed, in German and English.
import { test, expect } from "./support/fixtures.ts";

const XEPS = ["0033", "0045", "0055", "0065", "0115", "0124", "0156", "0163", "0191", "0198", "0237", "0280", "0313", "0352", "0357", "0363", "0368"];

const pages = [
  {
    url: "/technik/",
    h2: ["Sicherheit", "Features", "Registrieren", "IM Observer", "Statistiken"],
    h3: ["DNS", "nginx", "Prosody", "Verschlüsselung", "Zertifikate", "Passwörter", "XEP-0156: Alternative XMPP Connection Methods"],
    register: { name: "Registrieren", href: "/register/" },
    lastEdit: "Zuletzt bearbeitet: 26.11.2017",
  },
  {
    url: "/en/technik/",
    h2: ["Security", "Features", "Register", "IM Observer", "Statistics"],
    h3: ["DNS", "nginx", "Prosody", "Encryption", "Certificates", "Passwords", "XEP-0156: Alternative XMPP Connection Methods"],
    register: { name: "Register", href: "/en/register/" },
    lastEdit: "Last edited: November 26, 2017",
  },
];

for (const p of pages) {
  test.describe(p.url, () => {
    test("shows every section of the seed page", async ({ page }) => {
      await page.goto(p.url);
      await expect(page.locator("h1")).toHaveText(p.url.startsWith("/en/") ? "Server Technology" : "Server Technik");
      await expect(page.locator(".prose h2")).toHaveText(p.h2);
      await expect(page.locator(".prose h3")).toHaveText(p.h3);
      await expect(page.locator(".lastmod")).toHaveText(p.lastEdit);
    });

    test("links all 17 XEPs to their specifications", async ({ page }) => {
      await page.goto(p.url);
      for (const n of XEPS) {
        const link = page.locator(`.prose a[href="https://xmpp.org/extensions/xep-${n}.html"]`);
        await expect(link, `XEP-${n}`).toHaveCount(1);
        await expect(link).toContainText(`XEP-${n}`);
      }
    });

    test("shows both nginx code blocks, highlighted with classes, with a working copy button", async ({ page, context, baseURL }) => {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL as string).origin });
      await page.goto(p.url);
      const blocks = page.locator(".code-block");
      await expect(blocks).toHaveCount(2);
      await expect(blocks.nth(0)).toContainText("ssl_ciphers 'ECDHE-RSA-AES256-GCM-SHA512:");
      await expect(blocks.nth(0)).toContainText("ssl_ecdh_curve");
      await expect(blocks.nth(1)).toContainText('add_header Strict-Transport-Security "max-age=31536000; includeSubDomains; preload;";');
      await expect(blocks.nth(1)).toContainText(`add_header Content-Security-Policy "frame-ancestors 'self'";`);
      await expect(blocks.nth(0).locator("pre.chroma, .chroma")).not.toHaveCount(0);
      await expect(page.locator(".code-block [style]")).toHaveCount(0);
      await blocks.nth(1).getByRole("button").click();
      await expect(blocks.nth(1).getByRole("button")).toContainText(p.url.startsWith("/en/") ? "Copied" : "Kopiert");
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied.split("\n")).toHaveLength(8);
      expect(copied).toMatch(/^add_header Strict-Transport-Security/);
      expect(copied).toMatch(/frame-ancestors 'self'";$/);
    });

    test("shows the XEP-0156 endpoints, the register button, the reports and the graphs", async ({ page }) => {
      await page.goto(p.url);
      const endpoints = page.locator(".endpoints code");
      await expect(endpoints).toHaveCount(3);
      await expect(endpoints.nth(0)).toHaveText(/\/http-bind$/);
      await expect(endpoints.nth(1)).toHaveText(/\/xmpp-websocket$/);
      await expect(endpoints.nth(2)).toHaveText("xmpps.magicbroccoli.de");
      const register = page.getByRole("link", { name: p.register.name, exact: true }).and(page.locator(".button"));
      await expect(register).toHaveAttribute("href", p.register.href);
      await expect(page.locator('a.badge[href^="https://check.messaging.one/result.php?domain=magicbroccoli.de"]')).toHaveCount(1);
      await expect(page.locator('a[href="https://tls.imirhil.fr/xmpp/magicbroccoli.de"]')).not.toHaveCount(0);
      await expect(page.locator('a[href="https://www.ssllabs.com/ssltest/analyze.html?d=magicbroccoli.de"]')).toHaveCount(1);
      const graphs = page.locator(".graphs img");
      await expect(graphs).toHaveCount(4);
      for (const img of await graphs.all()) {
        await expect(img).toHaveAttribute("alt", /\S/);
        await expect(img).toHaveAttribute("width", /^\d+$/);
        await expect(img).toHaveAttribute("height", /^\d+$/);
        await expect(img).toHaveAttribute("loading", "lazy");
      }
      const debian = page.locator('img[src="/icons/debian_icon.png"]');
      await expect(debian).toHaveAttribute("alt", "Debian");
      const res = await page.request.get("/icons/debian_icon.png");
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("image/png");
    });

    test("carries description, keywords and author as meta tags", async ({ page }) => {
      await page.goto(p.url);
      await expect(page.locator('meta[name="keywords"]')).toHaveAttribute("content", /Prosody.*Debian.*XMPP.*MagicBroccoli XMPP/);
      await expect(page.locator('meta[name="author"]')).toHaveAttribute("content", "nico");
      await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /\S/);
    });
  });
}
