// The home page's first screen (layouts/home.html), in both languages, on a phone and a desktop: the
// promise, the sign-up and how-it-works buttons, three steps and the trust facts all lie within the
// first screen; the buttons lead to their pages; the facts say what hugo.toml [params] says.
import { readFileSync } from "node:fs";
import { test, expect } from "./support/fixtures.ts";
import { parseToml } from "../scripts/config/toml.ts";

const config = parseToml(readFileSync("hugo.toml", "utf8"), "hugo.toml") as unknown as {
  params: { since: Date | string; noAdsNoTracking: boolean; provider: Record<string, unknown> };
};
const provider = config.params.provider;
/** the promise: the heading field of content/<lang>/_index.md's front matter */
const heading = (lang: string) => {
  const text = readFileSync(`content/${lang}/_index.md`, "utf8");
  const front = /^\+\+\+\n([\s\S]*?)\n\+\+\+/.exec(text)![1]!;
  return (parseToml(front, `content/${lang}/_index.md`) as { heading: string }).heading;
};
const year = new Date(String(config.params.since instanceof Date ? config.params.since.toISOString() : config.params.since)).getUTCFullYear();

// the texts the facts must show for hugo.toml's values (the values the site has today; the test fails
// when hugo.toml and the page disagree)
const langs = {
  de: {
    path: "/",
    signup: { name: "Kostenlos registrieren", to: "/register/", h1: "Registrieren" },
    howto: { name: "So funktioniert's", to: "/xmpp/" },
    steps: ["Wähle eine App für dein Gerät", "Lege deine Adresse an", "Füge deine Kontakte hinzu"],
    facts: {
      since: `In Betrieb seit ${year}`,
      "provider.freeOfCharge": provider.freeOfCharge === true ? "Kostenlos" : undefined,
      noAdsNoTracking: config.params.noAdsNoTracking === true ? "Ohne Werbung und Tracking" : undefined,
      "provider.serverLocations": (provider.serverLocations as string[]).join() === "de" ? "Server in Deutschland" : "?",
      "provider.professionalHosting": provider.professionalHosting === true ? "Im Rechenzentrum gehostet" : undefined,
      "provider.busFactor": provider.busFactor === 1 ? "Betrieben von einer Person" : `Betrieben von ${String(provider.busFactor)} Personen`,
      "provider.maximumHttpFileUploadTotalSize":
        provider.maximumHttpFileUploadTotalSize === 0 ? "Kein Kontingent für geteilte Dateien" : `Geteilte Dateien: ${String(provider.maximumHttpFileUploadTotalSize)} MB pro Konto`,
      "provider.maximumHttpFileUploadStorageTime": `Geteilte Dateien gespeichert: ${provider.maximumHttpFileUploadStorageTime === 0 ? "ohne feste Frist" : `${String(provider.maximumHttpFileUploadStorageTime)} Tage`}`,
      "provider.maximumMessageArchiveManagementStorageTime": `Chatverlauf gespeichert: ${provider.maximumMessageArchiveManagementStorageTime === 0 ? "ohne feste Frist" : `${String(provider.maximumMessageArchiveManagementStorageTime)} Tage`}`,
    },
  },
  en: {
    path: "/en/",
    signup: { name: "Sign up for free", to: "/en/register/", h1: "Register" },
    howto: { name: "How it works", to: "/en/xmpp/" },
    steps: ["Choose an app for your device", "Create your address", "Add your contacts"],
    facts: {
      since: `Running since ${year}`,
      "provider.freeOfCharge": provider.freeOfCharge === true ? "Free of charge" : undefined,
      noAdsNoTracking: config.params.noAdsNoTracking === true ? "No ads, no tracking" : undefined,
      "provider.serverLocations": (provider.serverLocations as string[]).join() === "de" ? "Server in Germany" : "?",
      "provider.professionalHosting": provider.professionalHosting === true ? "Hosted in a data centre" : undefined,
      "provider.busFactor": provider.busFactor === 1 ? "Run by one person" : `Run by ${String(provider.busFactor)} people`,
      "provider.maximumHttpFileUploadTotalSize":
        provider.maximumHttpFileUploadTotalSize === 0 ? "No quota for shared files" : `Shared files: ${String(provider.maximumHttpFileUploadTotalSize)} MB per account`,
      "provider.maximumHttpFileUploadStorageTime": `Shared files kept: ${provider.maximumHttpFileUploadStorageTime === 0 ? "no fixed limit" : `${String(provider.maximumHttpFileUploadStorageTime)} days`}`,
      "provider.maximumMessageArchiveManagementStorageTime": `Chat history kept: ${provider.maximumMessageArchiveManagementStorageTime === 0 ? "no fixed limit" : `${String(provider.maximumMessageArchiveManagementStorageTime)} days`}`,
    },
  },
} as const;

const viewports = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

for (const [lang, l] of Object.entries(langs)) {
  for (const vp of viewports) {
    test(`${lang} ${vp.name}: promise, both buttons, three steps and the facts are on the first screen`, async ({ page }) => {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.goto(l.path);
      const promise = page.getByRole("heading", { level: 1 });
      await expect(promise).toHaveText(heading(lang));
      const signup = page.getByRole("link", { name: l.signup.name, exact: true });
      const howto = page.getByRole("link", { name: l.howto.name, exact: true });
      const steps = page.locator("ol.hero-steps > li");
      await expect(steps).toHaveText([...l.steps]);
      const facts = page.locator(".hero-facts li");
      const expected = Object.entries(l.facts).filter(([, t]) => t !== undefined);
      await expect(facts).toHaveText(expected.map(([, t]) => t!));
      expect(await facts.evaluateAll((els) => els.map((e) => e.getAttribute("data-fact")))).toEqual(expected.map(([k]) => k));

      // everything within the first screen, nothing cut off at the sides
      const within = async (what: string, box: { x: number; y: number; width: number; height: number } | null) => {
        expect(box, `${what} is rendered`).not.toBeNull();
        expect(box!.y, `${what}: top`).toBeGreaterThanOrEqual(0);
        expect(box!.y + box!.height, `${what}: bottom within ${vp.height} px`).toBeLessThanOrEqual(vp.height);
        expect(box!.x, `${what}: left`).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, `${what}: right`).toBeLessThanOrEqual(vp.width);
      };
      await within("promise", await promise.boundingBox());
      await within("sign-up button", await signup.boundingBox());
      await within("how-it-works button", await howto.boundingBox());
      for (let i = 0; i < 3; i += 1) await within(`step ${i + 1}`, await steps.nth(i).boundingBox());
      for (let i = 0; i < expected.length; i += 1) await within(`fact ${expected[i]![0]}`, await facts.nth(i).boundingBox());

      if (vp.name === "desktop") {
        // the whole width: the facts reach into the right third, beside (not below) the promise
        const aside = (await page.locator(".hero-facts").boundingBox())!;
        const h1 = (await promise.boundingBox())!;
        expect(aside.x + aside.width).toBeGreaterThan((vp.width * 2) / 3 + 100);
        expect(aside.x).toBeGreaterThan(h1.x + h1.width - 1);
      }
      // the latest news follow below the first screen's parts
      const news = page.locator(".latest-news");
      await expect(news.locator(".post-card").first()).toBeAttached();
      expect((await news.boundingBox())!.y).toBeGreaterThan((await steps.nth(2).boundingBox())!.y);
    });
  }

  test(`${lang}: the buttons and steps lead to their pages`, async ({ page }) => {
    await page.goto(l.path);
    await page.getByRole("link", { name: l.signup.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${l.signup.to}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(l.signup.h1);
    await page.goto(l.path);
    await page.getByRole("link", { name: l.howto.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${l.howto.to}$`));
    await page.goto(l.path);
    await page.getByRole("link", { name: l.steps[0] }).click();
    await expect(page).toHaveURL(new RegExp(`${l.path}clients/$`));
    await page.goto(l.path);
    await expect(page.getByRole("link", { name: l.steps[1] })).toHaveAttribute("href", l.signup.to);
  });
}
