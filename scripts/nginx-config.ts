// npm run nginx:config [-- --out FILE] [--config a.toml,b.toml]: writes the nginx site file for the
// operator (default deploy/nginx/<domain>.conf, git-ignored) from hugo.toml [params.xmpp]/[params.deploy].
// Detects the local nginx: `http2 on;` for nginx >= 1.25.1, brotli_static only when ngx_brotli is there.
import { promises as fs } from "node:fs";
import path from "node:path";
import { loadConfig, ConfigError } from "./config/config.ts";
import { productionConfig, siteFromConfig, nginxVersion, usesHttp2Directive, hasBrotli } from "./deploy/nginx.ts";
import { root, configFile } from "./config/paths.ts";

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
try {
  const files = arg("--config")?.split(",").map((f) => path.resolve(f)) ?? [configFile];
  const cfg = await loadConfig(files);
  const version = nginxVersion();
  const site = siteFromConfig(cfg, { http2Directive: usesHttp2Directive(version), brotli: hasBrotli() });
  const text = productionConfig(site, { certificate: cfg.deploy.certificate, certificateKey: cfg.deploy.certificateKey });
  const out = path.resolve(arg("--out") ?? path.join(root, "deploy/nginx", `${cfg.xmpp.domain}.conf`));
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, text);
  console.log(`nginx:config: wrote ${path.relative(process.cwd(), out)} (nginx ${version?.join(".") ?? "not found"}, http2 ${site.http2Directive ? "directive" : "on listen"}, brotli_static ${site.brotli ? "on" : "off"})`);
  console.log(`  install: ln -s ${out} /etc/nginx/sites-enabled/ && nginx -t && systemctl reload nginx`);
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
}
