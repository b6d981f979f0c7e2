// Starts Debian's nginx in the foreground on 127.0.0.1:<port>, serving a built site with the project's
// own configuration (scripts/deploy/nginx.ts, the HTTP test variant of the production site file): the same
// security headers, CSP, locations, precompression and Prosody proxies the operator deploys.
import { promises as fs } from "node:fs";
import path from "node:path";
import os from "node:os";
import { resolveConfig, type ResolvedConfig } from "../config/config.ts";
import { configFile } from "../config/paths.ts";
import { httpTestConfig, siteFromConfig, localBrotli } from "../deploy/nginx.ts";
import { spawnNginx } from "./nginx-process.ts";

export interface NginxOptions {
  port: number;
  root: string;
  /** host:port of Prosody's HTTP listener, for /xmpp-websocket and /http-bind (none: those answer 502) */
  prosody?: string;
  /** extra folders to serve, e.g. { "/munin-cgi/": "/tmp/munin/" } for the operator's same-origin graphs */
  aliases?: Record<string, string>;
  /** the config the site was built with (endpoints for the CSP); its baseURL should be this server's */
  config?: ResolvedConfig;
  /** without `config`: the config files to resolve (baseURL: this server); default hugo.toml */
  configFiles?: string[];
  /** the user nginx's workers run as (only as root), e.g. "nobody" to see what www-data would; default root */
  user?: string;
}

export interface SiteNginx {
  url: string;
  dir: string;
  /** the generated nginx.conf */
  conf: string;
  stop(): Promise<void>;
}

export async function serveWithNginx(o: NginxOptions): Promise<SiteNginx> {
  const url = `http://127.0.0.1:${o.port}/`;
  const cfg = o.config ?? (await resolveConfig(o.configFiles?.length ? o.configFiles : [configFile], { baseURL: url }));
  // port 9 (discard) on loopback: nothing listens, so the proxies answer 502 when no Prosody is given
  // brotli_static as in production (the module from libnginx-mod-http-brotli-static, loaded by this nginx.conf)
  const site = siteFromConfig(cfg, { root: o.root, prosody: o.prosody ?? "127.0.0.1:9", ...localBrotli() });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-nginx-"));
  // As root, nginx's workers would switch to "nobody", who cannot read the work tree.
  const user = process.getuid?.() === 0 ? (o.user ?? "root") : undefined;
  const config = httpTestConfig(site, { port: o.port }, { prefix: dir, ...(user ? { user } : {}), ...(o.aliases ? { aliases: o.aliases } : {}) });
  const nginx = await spawnNginx({ prefix: dir, config, ports: [o.port] });
  return {
    url,
    dir,
    conf: nginx.conf,
    async stop() {
      await nginx.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
