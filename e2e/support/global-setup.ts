// Builds the site with the real pipeline for 127.0.0.1:<free port> and serves it with real nginx.
// Tests read the address from process.env.E2E_BASE_URL (see fixtures.ts).
import { promises as fs } from "node:fs";
import path from "node:path";
import { build } from "../../scripts/lib/pipeline.ts";
import { root, configFile } from "../../scripts/lib/paths.ts";
import { freePort } from "../../scripts/lib/ports.ts";
import { startNginx } from "./nginx.ts";
import { startProsody } from "./prosody.ts";
import { loadConfig } from "../../scripts/lib/config.ts";
import { runHugo } from "../../scripts/lib/hugo.ts";

export const e2eDir = path.join(root, ".tmp/e2e");

/** The served site's folder and its config override, for specs that read them (set by the global setup). */
export function e2eSite(): { siteDir: string; configFiles: string[] } {
  const siteDir = process.env.E2E_SITE_DIR;
  const override = process.env.E2E_CONFIG_OVERRIDE;
  if (!siteDir || !override) throw new Error("E2E_SITE_DIR / E2E_CONFIG_OVERRIDE are not set: run the specs through playwright.config.ts (global setup)");
  return { siteDir, configFiles: [configFile, override] };
}

/** The Munin graphs are the operator's, served by the same host but not built by us: tests get stand-in PNGs. */
const stats = { base: "/munin-cgi/munin-cgi-graph/magicbroccoli.de/rosewood.magicbroccoli.de/", graphs: [] as string[] };
async function muninStandIns(graphs: string[], dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const png = await fs.readFile(path.join(root, "static/icons/debian_icon.png"));
  for (const g of graphs) await fs.writeFile(path.join(dir, `${g}.png`), png);
  return dir;
}

export interface ServedSite {
  baseURL: string;
  siteDir: string;
  /** the config override that points the endpoints at this server */
  configOverride: string;
  stop(): Promise<void>;
}

/** Builds the site into dir for 127.0.0.1:<free port> and serves it with nginx (Lighthouse and the bench reuse this). */
export async function buildAndServe(dir: string, opts: { prosody?: string } = {}): Promise<ServedSite> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  await fs.mkdir(path.dirname(dir), { recursive: true });
  // The site's endpoints point at this nginx (plain HTTP on loopback, which the config validator allows).
  const override = `${dir}.config.toml`;
  await fs.writeFile(
    override,
    `[params.xmpp]\nwebsocket = "ws://127.0.0.1:${port}/xmpp-websocket"\nbosh = "http://127.0.0.1:${port}/http-bind"\n`,
  );
  const cfg = await loadConfig([configFile, override]);
  const params = cfg.raw.params as { stats?: { base?: string; graphs?: string[] } };
  stats.base = params.stats?.base ?? stats.base;
  stats.graphs = params.stats?.graphs ?? [];
  await build({ dest: dir, baseURL: base, configFiles: [configFile, override], log: () => {} });
  const nginx = await startNginx({ port, root: dir, configFiles: [configFile, override], aliases: { [stats.base]: await muninStandIns(stats.graphs, `${dir}.munin`) }, ...(opts.prosody ? { prosody: opts.prosody } : {}) });
  return { baseURL: base, siteDir: dir, configOverride: override, stop: () => nginx.stop() };
}

/** A site that uses the theme on its own, as a Hugo user would: plain `hugo`, no npm, no pipeline. */
export interface ThemeSite {
  name: string;
  baseURL: string;
  siteDir: string;
}

/** The sites built with plain hugo for e2e/theme-sites.spec.ts: the theme's exampleSite, and a site written for another theme. */
export const THEME_SITES = [
  { name: "exampleSite", source: path.join(root, "themes/broccoli/exampleSite") },
  { name: "foreign-site", source: path.join(root, "e2e/fixtures/foreign-site") },
] as const;

/** Builds a site with plain `hugo` (whichever binary hugoBin picks) and serves it with the project's nginx. */
export async function buildAndServePlain(name: string, source: string, dir: string): Promise<ThemeSite & { stop(): Promise<void> }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  // resources next to the output, never in the source folder (which is part of the repository)
  await runHugo(["--source", source, "--destination", dir, "--baseURL", base, "--cleanDestinationDir"], { env: { HUGO_RESOURCEDIR: `${dir}.resources`, HUGO_CACHEDIR: `${dir}.cache` } });
  const nginx = await startNginx({ port, root: dir });
  return { name, baseURL: base, siteDir: dir, stop: () => nginx.stop() };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Debian's Prosody behind the site's nginx (/xmpp-websocket, /http-bind), for the register and invite specs
  const cfg = await loadConfig([configFile]);
  const prosody = await startProsody({ domain: cfg.xmpp.domain });
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
