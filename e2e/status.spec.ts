// The live status on the technik page (partials/status.html, assets/ts/status.ts): figures read from the
// e2e Prosody 0.12 (mod_http_openmetrics + deploy/prosody/mod_site_status.lua) through the nginx site the
// harness generates (scripts/deploy/nginx.ts: SSI allow-list at hugo.toml [params.status] metrics).
// The page's poll timer runs on Playwright's clock (page.clock), so a second poll needs no waiting.
// Uptime comes from the server's Date header and Prosody's start time, so the fake clock does not change it.
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import WS from "ws";
import { client, xml } from "@xmpp/client";
import { test, expect } from "./support/fixtures.ts";
import { STATUS_FAMILIES } from "../themes/broccoli/assets/ts/status/families.ts";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WS;
const run = promisify(execFile);

const METRICS = "/status/metrics"; // hugo.toml [params.status] metrics
const INTERVAL = 10_000; // hugo.toml [params.status] interval, in ms

const langs = [
  { url: "/technik/", lang: "de", unavailable: "Status nicht verfügbar", thousands: /^\d{1,3}(\.\d{3})+(,\d)?$/, uptime: /^\d+ (Sekunden?|Minuten?)$/ },
  { url: "/en/technik/", lang: "en", unavailable: "status unavailable", thousands: /^\d{1,3}(,\d{3})+(\.\d)?$/, uptime: /^\d+ (seconds?|minutes?)$/ },
] as const;

/** A logged-in client on the e2e Prosody (account made with prosodyctl, as an operator does). */
async function connectedClient() {
  const config = process.env.E2E_PROSODY_CONFIG;
  const domain = process.env.E2E_XMPP_DOMAIN;
  if (!config || !domain) throw new Error("E2E_PROSODY_CONFIG / E2E_XMPP_DOMAIN are not set (global setup)");
  const username = `status${randomBytes(4).toString("hex")}`;
  await run("prosodyctl", ["--config", config, "register", username, domain, "status-secret"]);
  const websocket = new URL("xmpp-websocket", process.env.E2E_BASE_URL).href.replace(/^http/, "ws");
  const xmpp = client({ service: websocket, domain, resource: "status", username, password: "status-secret" });
  xmpp.reconnect.stop();
  xmpp.on("error", () => {});
  await xmpp.start();
  return xmpp;
}

const figure = (page: import("@playwright/test").Page, name: string) => page.locator(`[data-status-figure="${name}"] [data-status-value]`);
const number = (text: string, lang: string) => Number(lang === "de" ? text.replace(/\./g, "").replace(",", ".") : text.replace(/,/g, ""));

for (const l of langs) {
  test(`${l.url}: the four figures, live from Prosody, formatted for "${l.lang}"`, async ({ page }) => {
    const xmpp = await connectedClient();
    try {
      // the page's clock stands still but for runFor: two polls are exactly one interval apart
      await page.clock.install({ time: new Date("2026-01-01T00:00:00Z") });
      await page.clock.pauseAt(new Date("2026-01-01T00:00:01Z"));
      await page.goto(l.url);
      const section = page.locator("[data-status]");
      await expect(section).toBeVisible();
      await expect(section.locator("[data-status-unavailable]")).toBeHidden();
      // first poll: connections and uptime; the rate needs a second poll
      await expect(figure(page, "clients")).not.toHaveText("…");
      expect(number(await figure(page, "clients").innerText(), l.lang)).toBeGreaterThanOrEqual(1);
      await expect(figure(page, "servers")).toHaveText("0");
      await expect(figure(page, "uptime")).toHaveText(l.uptime);
      await expect(figure(page, "stanzas")).toHaveText("…");
      // 250 stanzas before the next poll, 10 s later: at least 1,500 per minute, with a thousands separator
      const received = async () => Number(/stanzas_total (\d+)/.exec(await (await page.request.get(METRICS)).text())?.[1] ?? NaN);
      const before = await received();
      for (let i = 0; i < 250; i++) await xmpp.send(xml("iq", { type: "get", id: `p${i}`, to: process.env.E2E_XMPP_DOMAIN }, xml("ping", { xmlns: "urn:xmpp:ping" })));
      await expect.poll(received).toBeGreaterThanOrEqual(before + 250);
      await page.clock.runFor(INTERVAL);
      await expect(figure(page, "stanzas")).toHaveText(l.thousands);
      expect(number(await figure(page, "stanzas").innerText(), l.lang)).toBeGreaterThanOrEqual(1500);
      // the sparklines drew the values seen so far
      await expect(page.locator('[data-status-figure="clients"] path')).toHaveAttribute("d", /^M[\d.]+,[\d.]+L/);
    } finally {
      await xmpp.stop().catch(() => {});
    }
  });
}

test("the endpoint serves only the families the page shows, read-only, without CORS", async ({ page, request }) => {
  const res = await request.get(METRICS);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/openmetrics-text; version=1.0.0; charset=utf-8");
  expect(res.headers()["cache-control"]).toMatch(/max-age=\d\b/);
  expect(res.headers()["access-control-allow-origin"]).toBeUndefined();
  const body = await res.text();
  const types = [...body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
  expect(types.sort()).toEqual(
    Object.values(STATUS_FAMILIES)
      .map((f) => f.name)
      .sort(),
  );
  expect(body.endsWith("# EOF\n")).toBe(true);
  // Prosody itself serves more: e.g. its statistics collection timings, which must not pass
  const config = await fs.readFile(process.env.E2E_PROSODY_CONFIG as string, "utf8");
  const port = /http_ports = \{ (\d+) \}/.exec(config)?.[1];
  const upstream = await (await page.request.get(`http://127.0.0.1:${port}/metrics`)).text();
  expect(upstream).toContain("# TYPE prosody_stats_collection_seconds histogram");
  expect(body).not.toContain("prosody_stats_collection_seconds");
  expect(body).not.toContain("prosody_mod_bosh");
  // read-only
  expect((await request.post(METRICS, { data: "x" })).status()).toBe(403);
  expect((await request.fetch(METRICS, { method: "HEAD" })).status()).toBe(200);
});

test.describe("when the endpoint fails", () => {
  test.use({ allowConsoleErrors: [/Failed to load resource/] });
  for (const l of langs) {
    test(`${l.url}: unreachable or garbage -> "${l.unavailable}", the images stay`, async ({ page }) => {
      await page.clock.install();
      await page.route(`**${METRICS}`, (route) => route.abort("connectionrefused"));
      await page.goto(l.url);
      const unavailable = page.locator("[data-status-unavailable]");
      await expect(unavailable).toBeVisible();
      await expect(unavailable).toHaveText(l.unavailable);
      await expect(page.locator("[data-status-figures]")).toBeHidden();
      await expect(page.locator(".graphs img")).toHaveCount(4);
      for (const img of await page.locator(".graphs img").all()) await expect(img).toBeVisible();
      // an answer that is not OpenMetrics (an HTML error page) is no better
      await page.unroute(`**${METRICS}`);
      await page.route(`**${METRICS}`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><p>Wartungsarbeiten</p>" }));
      const garbage = page.waitForResponse((r) => new URL(r.url()).pathname === METRICS);
      await page.clock.runFor(INTERVAL);
      await garbage;
      await expect(unavailable).toBeVisible();
      // and when the endpoint is back, so are the figures. The script sets its next timer only once it has
      // read the last answer, which may come after a runFor: advance one interval at a time until it shows.
      await page.unroute(`**${METRICS}`);
      await expect
        .poll(async () => {
          await page.clock.runFor(INTERVAL);
          return unavailable.isHidden();
        })
        .toBe(true);
      await expect(figure(page, "uptime")).toHaveText(l.uptime);
    });
  }
});

test("polling pauses while the tab is hidden and resumes when it is shown", async ({ page }) => {
  await page.clock.install();
  const polls: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === METRICS) polls.push(r.url());
  });
  await page.goto("/technik/");
  await expect(figure(page, "uptime")).not.toHaveText("…");
  expect(polls).toHaveLength(1);
  const setVisibility = (state: "hidden" | "visible") =>
    page.evaluate((s) => {
      Object.defineProperty(document, "visibilityState", { value: s, configurable: true });
      Object.defineProperty(document, "hidden", { value: s === "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);
  await setVisibility("hidden");
  await page.clock.runFor(6 * INTERVAL);
  expect(polls).toHaveLength(1);
  await setVisibility("visible");
  await expect.poll(() => polls.length).toBe(2);
  // the next poll is timed once the last answer is read, which may come after a runFor: advance one interval
  // at a time (each interval at most one poll)
  await expect
    .poll(async () => {
      await page.clock.runFor(INTERVAL);
      return polls.length;
    })
    .toBeGreaterThanOrEqual(3);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the images alone, no status boxes", async ({ page }) => {
    await page.goto("/technik/");
    await expect(page.locator(".graphs img")).toHaveCount(4);
    await expect(page.locator(".graphs img").first()).toBeVisible();
    await expect(page.locator("[data-status]")).toBeHidden();
    await expect(page.locator(".status-figure").first()).toBeHidden();
  });
});
