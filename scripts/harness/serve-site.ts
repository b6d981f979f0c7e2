// Builds a site and serves it with the project's nginx on 127.0.0.1:<free port>: the e2e global setup,
// Lighthouse and the bench use it. buildAndServe runs the real pipeline on this site (endpoints pointed at
// the served address); buildAndServePlain runs plain `hugo` on another site that uses the theme.
import { promises as fs } from "node:fs";
import path from "node:path";
import { build } from "../build/pipeline.ts";
import { runHugo } from "../build/hugo.ts";
import { root, configFile } from "../config/paths.ts";
import { resolveConfig, type ResolvedConfig } from "../config/config.ts";
import { freePort } from "./ports.ts";
import { serveWithNginx } from "./site-nginx.ts";

/** The Munin graphs are the operator's, served by the same host but not built by us: tests get stand-in PNGs
 *  (at the site's params.stats.base, or this path when the site has none). */
const DEFAULT_STATS_BASE = "/munin-cgi/munin-cgi-graph/magicbroccoli.de/rosewood.magicbroccoli.de/";
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
  /** the config the site was built with (hugo.toml + the override, baseURL this server) */
  config: ResolvedConfig;
  stop(): Promise<void>;
}

/** Builds the site into dir for 127.0.0.1:<free port> and serves it with nginx (Lighthouse and the bench reuse this). */
export async function buildAndServe(dir: string, opts: { prosody?: string } = {}): Promise<ServedSite> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  await fs.mkdir(path.dirname(dir), { recursive: true });
  // The site's endpoints point at this nginx (plain HTTP on loopback, which the config validator allows).
  const override = `${dir}.config.toml`;
  await fs.writeFile(override, `[params.xmpp]\nwebsocket = "ws://127.0.0.1:${port}/xmpp-websocket"\nbosh = "http://127.0.0.1:${port}/http-bind"\n`);
  // resolved once: the build, the well-known files and nginx's CSP all get this one
  const config = await resolveConfig([configFile, override], { baseURL: base });
  const statsBase = config.params.stats?.base ?? DEFAULT_STATS_BASE;
  await build({ dest: dir, config, log: () => {} });
  const nginx = await serveWithNginx({
    port,
    root: dir,
    config,
    aliases: { [statsBase]: await muninStandIns(config.params.stats?.graphs ?? [], `${dir}.munin`) },
    ...(opts.prosody ? { prosody: opts.prosody } : {}),
  });
  return { baseURL: base, siteDir: dir, configOverride: override, config, stop: () => nginx.stop() };
}

/** A site that uses the theme on its own, as a Hugo user would: plain `hugo`, no npm, no pipeline. */
export interface ThemeSite {
  name: string;
  baseURL: string;
  siteDir: string;
}

/** Builds a site with plain `hugo` (whichever binary hugoBin picks) and serves it with the project's nginx. */
export async function buildAndServePlain(name: string, source: string, dir: string): Promise<ThemeSite & { stop(): Promise<void> }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  // resources next to the output, never in the source folder (which is part of the repository)
  await runHugo(["--source", source, "--destination", dir, "--baseURL", base, "--cleanDestinationDir"], { env: { HUGO_RESOURCEDIR: `${dir}.resources`, HUGO_CACHEDIR: `${dir}.cache` } });
  const nginx = await serveWithNginx({ port, root: dir });
  return { name, baseURL: base, siteDir: dir, stop: () => nginx.stop() };
}
