// Starts Prosody, builds the site with the real pipeline for 127.0.0.1:<free port> and serves it with real
// nginx (scripts/harness/serve-site.ts), and the theme's other sites with plain hugo. Tests read the
// addresses from process.env (E2E_BASE_URL, E2E_THEME_SITES; see fixtures.ts).
import { promises as fs } from "node:fs";
import path from "node:path";
import { root, configFile } from "../../scripts/config/paths.ts";
import { startProsody } from "./prosody.ts";
import { resolveConfig } from "../../scripts/config/config.ts";
import { siteContacts, MIB } from "../../scripts/server/claims.ts";
import { buildAndServe, buildAndServePlain, type ServedSite, type ThemeSite } from "../../scripts/harness/serve-site.ts";

export const e2eDir = path.join(root, ".tmp/e2e");

/** The served site's folder and its config override, for specs that read them (set by the global setup). */
export function e2eSite(): { siteDir: string; configFiles: string[] } {
  const siteDir = process.env.E2E_SITE_DIR;
  const override = process.env.E2E_CONFIG_OVERRIDE;
  if (!siteDir || !override) throw new Error("E2E_SITE_DIR / E2E_CONFIG_OVERRIDE are not set: run the specs through playwright.config.ts (global setup)");
  return { siteDir, configFiles: [configFile, override] };
}

/** The sites built with plain hugo for e2e/theme-sites.spec.ts: the theme's exampleSite, and a site written for another theme. */
export const THEME_SITES = [
  { name: "exampleSite", source: path.join(root, "themes/broccoli/exampleSite") },
  { name: "foreign-site", source: path.join(root, "e2e/fixtures/foreign-site") },
] as const;

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Debian's Prosody behind the site's nginx (/xmpp-websocket, /http-bind), for the register and invite specs
  const cfg = await resolveConfig([configFile]);
  // with the contact addresses and the upload limit of hugo.toml, as the live server should have them
  // (e2e/verify-server.spec.ts checks the site's claims against this server)
  const uploadMiB = cfg.params.provider.maximumHttpFileUploadFileSize;
  const prosody = await startProsody({ domain: cfg.params.xmpp.domain, contactInfo: siteContacts(cfg), ...(uploadMiB ? { uploadSizeLimit: uploadMiB * MIB } : {}) });
  let site: ServedSite;
  try {
    // one folder per run, so that runs at the same time (several people, or bench + tests) never share files
    site = await buildAndServe(path.join(e2eDir, `run-${process.pid}`, "site"), { prosody: prosody.http });
  } catch (e) {
    await prosody.stop();
    throw e;
  }
  const themeSites: Array<ThemeSite & { stop(): Promise<void> }> = [];
  try {
    for (const t of THEME_SITES) themeSites.push(await buildAndServePlain(t.name, t.source, path.join(path.dirname(site.siteDir), t.name)));
  } catch (e) {
    for (const t of themeSites) await t.stop();
    await site.stop();
    await prosody.stop();
    throw e;
  }
  process.env.E2E_THEME_SITES = JSON.stringify(themeSites.map(({ name, baseURL, siteDir }) => ({ name, baseURL, siteDir })));
  process.env.E2E_BASE_URL = site.baseURL;
  process.env.E2E_SITE_DIR = site.siteDir;
  process.env.E2E_CONFIG_OVERRIDE = site.configOverride;
  process.env.E2E_PROSODY_CONFIG = prosody.configFile;
  process.env.E2E_XMPP_DOMAIN = prosody.domain;
  return async () => {
    for (const t of themeSites) await t.stop();
    await site.stop();
    await prosody.stop();
    await fs.rm(path.dirname(site.siteDir), { recursive: true, force: true });
  };
}
