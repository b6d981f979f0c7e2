// npm run nginx:config [-- --out FILE] [--config a.toml,b.toml] (npm run nginx:config -- --help): writes
// the nginx site file for the operator (default deploy/nginx/<domain>.conf, git-ignored) from the resolved
// config ([params.xmpp], [params.deploy]). Detects the local nginx: `http2 on;` for nginx >= 1.25.1,
// brotli_static only when ngx_brotli is there. A config problem: file:line:col: message, exit 1.
import { promises as fs } from "node:fs";
import path from "node:path";
import { resolveConfig } from "./config/config.ts";
import { productionConfig, siteFromConfig, nginxVersion, usesHttp2Directive, hasBrotli } from "./deploy/nginx.ts";
import { root } from "./config/paths.ts";
import { parseCommand, CONFIG_OPTION, configFilesOf } from "./config/cli.ts";
import { printProblems } from "./config/problem.ts";

const COMMAND = {
  usage: "npm run nginx:config --",
  name: "nginx:config",
  summary: "Writes the nginx site file (TLS, security headers, CSP, Prosody proxies) for the local nginx from hugo.toml.",
  options: {
    out: { type: "string", value: "FILE", help: "where to write it; default deploy/nginx/<params.xmpp.domain>.conf" },
    config: CONFIG_OPTION,
  },
} as const;

const { values } = parseCommand(COMMAND);
try {
  const cfg = await resolveConfig(configFilesOf(values.config));
  const version = nginxVersion();
  const site = siteFromConfig(cfg, { http2Directive: usesHttp2Directive(version), brotli: hasBrotli() });
  const text = productionConfig(site, { certificate: cfg.params.deploy.certificate, certificateKey: cfg.params.deploy.certificateKey });
  const out = path.resolve(values.out ?? path.join(root, "deploy/nginx", `${cfg.params.xmpp.domain}.conf`));
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, text);
  console.log(
    `nginx:config: wrote ${path.relative(process.cwd(), out)} (nginx ${version?.join(".") ?? "not found"}, http2 ${site.http2Directive ? "directive" : "on listen"}, brotli_static ${site.brotli ? "on" : "off"})`,
  );
  console.log(`  install: ln -s ${out} /etc/nginx/sites-enabled/ && nginx -t && systemctl reload nginx`);
} catch (e) {
  printProblems(e, "nginx:config: nothing was written.");
  process.exit(1);
}
