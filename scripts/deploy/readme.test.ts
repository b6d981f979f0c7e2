// deploy/README.md's Security section against the generator (scripts/deploy/nginx.ts): every header,
// TLS setting and limit the README states is the one the generated production file contains, so the
// operator's documentation cannot drift from what is deployed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { resolveConfig } from "../config/config.ts";
import { root } from "../config/paths.ts";
import { productionConfig, siteFromConfig, securityHeaders, DEFAULT_LIMITS, TLS_PROTOCOLS, TLS_CURVES, TLS_CIPHERS } from "./nginx.ts";

const readme = readFileSync(path.join(root, "deploy/README.md"), "utf8");
const security = readme.slice(readme.indexOf("\n## Security"));
const cfg = await resolveConfig();
const site = siteFromConfig(cfg, { robotsTag: "none" });
const conf = productionConfig(site, { certificate: "/c.pem", certificateKey: "/k.pem" });

/** The value column of the README table row whose first cell is `name`. */
function row(name: string): string {
  const m = new RegExp(`^\\| \`${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\` \\| ([^|]+) \\|`, "m").exec(security);
  assert.ok(m, `deploy/README.md Security: no table row for ${name}`);
  return m[1]!.trim();
}

test("each header the generator sends has its README row with the same value; the dropped one is marked not sent", () => {
  for (const [name, value] of securityHeaders(site)) {
    assert.match(conf, new RegExp(`add_header ${name} "`), `${name} is generated`);
    if (name === "X-Robots-Tag") assert.match(row(name), /params\.deploy\.robotsTag/);
    else if (name === "Content-Security-Policy") assert.equal(row(name), `\`${value.replace(cfg.params.xmpp.websocket, "<websocket>")}\``, name);
    else assert.equal(row(name), `\`${value}\``, name);
  }
  assert.doesNotMatch(conf, /X-XSS-Protection/);
  assert.match(row("X-XSS-Protection"), /not sent/);
});

test("TLS: protocols, groups and cipher suites in the README are the generated ones", () => {
  assert.match(conf, new RegExp(`ssl_protocols ${TLS_PROTOCOLS};`));
  assert.equal(row("ssl_protocols"), `\`${TLS_PROTOCOLS}\``);
  assert.match(conf, new RegExp(`ssl_ecdh_curve ${TLS_CURVES};`));
  assert.equal(row("ssl_ecdh_curve"), `\`${TLS_CURVES}\``);
  // the README writes ECDHE-{ECDSA,RSA}-X for the two variants of each suite
  const documented = row("ssl_ciphers")
    .split(", ")
    .flatMap((c) => ["ECDSA", "RSA"].map((k) => c.replace(/`/g, "").replace("{ECDSA,RSA}", k)));
  assert.deepEqual(documented.sort(), TLS_CIPHERS.split(":").sort());
});

test("limits: the README's defaults are the generator's, spelt as nginx gets them; X-Forwarded-For as generated", () => {
  const { connections, requestsPerMinute, burst, idleTimeout } = DEFAULT_LIMITS;
  const generated = productionConfig(siteFromConfig(cfg, { limits: DEFAULT_LIMITS }), { certificate: "/c.pem", certificateKey: "/k.pem" });
  const expect: Record<string, [number, string[]]> = {
    connections: [connections, [`limit_conn broccoli_xmpp_conn ${connections}`]],
    requestsPerMinute: [requestsPerMinute, [`rate=${requestsPerMinute}r/m`]],
    burst: [burst, [`burst=${burst} nodelay`]],
    idleTimeout: [idleTimeout, [`proxy_read_timeout ${idleTimeout}s`, `proxy_send_timeout ${idleTimeout}s`]],
  };
  for (const [key, [value, directives]] of Object.entries(expect)) {
    assert.equal(row(key), String(value), key);
    for (const d of directives) {
      assert.ok(generated.includes(d), `generated: ${d}`);
      assert.ok(security.includes(d.replace(/^limit_req_zone.*(rate=)/, "$1")), `README: ${d}`);
    }
  }
  const xff = /proxy_set_header X-Forwarded-For \S+;/.exec(conf)?.[0];
  assert.ok(xff && security.includes(`\`${xff}\``), `README names ${xff}`);
});
