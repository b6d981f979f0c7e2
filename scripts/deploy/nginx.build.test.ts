import { test, after } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { resolveConfig } from "../config/config.ts";
import {
  productionConfig,
  httpTestConfig,
  siteFromConfig,
  contentSecurityPolicy,
  securityHeaders,
  usesHttp2Directive,
  parseVersion,
  localBrotli,
  BROTLI_STATIC_MODULE,
  DEFAULT_LIMITS,
  STATUS_MAX_AGE,
  STATUS_UPSTREAM,
} from "./nginx.ts";
import { STATUS_FAMILIES } from "../../themes/broccoli/assets/ts/status/families.ts";
import { spawnNginx, testConfig, freePort, type NginxProcess } from "../harness/nginx-process.ts";
import { makeTestCA } from "../harness/testca.ts";

const cfg = await resolveConfig();
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "nginx-test-"));
const user = process.getuid?.() === 0 ? "root" : undefined;
const running: NginxProcess[] = [];
const servers: http.Server[] = [];
after(async () => {
  for (const n of running) await n.stop();
  for (const s of servers) s.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

test("CSP is the issue's policy with the websocket endpoint in connect-src", () => {
  assert.equal(
    contentSecurityPolicy(siteFromConfig(cfg)),
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' wss://magicbroccoli.de/xmpp-websocket; frame-ancestors 'self'; base-uri 'self'; form-action 'self'",
  );
  const other = contentSecurityPolicy({ ...siteFromConfig(cfg), bosh: "https://bosh.example.org/http-bind" });
  assert.match(other, /connect-src 'self' wss:\/\/magicbroccoli\.de\/xmpp-websocket https:\/\/bosh\.example\.org\/http-bind;/);
});

test("X-Robots-Tag follows params.deploy.robotsTag and can be switched off", () => {
  assert.deepEqual(
    securityHeaders(siteFromConfig(cfg, { robotsTag: "none" })).find(([k]) => k === "X-Robots-Tag"),
    ["X-Robots-Tag", "none"],
  );
  assert.equal(
    securityHeaders(siteFromConfig(cfg, { robotsTag: "" })).find(([k]) => k === "X-Robots-Tag"),
    undefined,
  );
});

test("http2 is spelt for the installed nginx version", () => {
  assert.equal(usesHttp2Directive(parseVersion("nginx version: nginx/1.22.1")), false);
  assert.equal(usesHttp2Directive([1, 25, 1]), true);
  const tls = { certificate: "/c.pem", certificateKey: "/k.pem" };
  assert.match(productionConfig(siteFromConfig(cfg), tls), /listen 443 ssl http2;/);
  const newer = productionConfig(siteFromConfig(cfg, { http2Directive: true }), tls);
  assert.match(newer, /listen 443 ssl;\n\s+listen \[::\]:443 ssl;\n\s+http2 on;/);
  assert.match(productionConfig(siteFromConfig(cfg, { brotli: true }), tls), /^\s+brotli_static on;$/m);
  assert.doesNotMatch(productionConfig(siteFromConfig(cfg), tls), /^\s+brotli_static on;$/m);
});

test("brotli: a complete nginx.conf loads Debian's module, the site file leaves that to modules-enabled", () => {
  const brotli = { brotli: true, brotliModule: BROTLI_STATIC_MODULE };
  const standalone = httpTestConfig(siteFromConfig(cfg, brotli), { port: 8080 }, { prefix: "/tmp/x" });
  assert.match(standalone, /^load_module \/usr\/lib\/nginx\/modules\/ngx_http_brotli_static_module\.so;$/m);
  assert.match(standalone, /^\s+brotli_static on;$/m);
  const siteFile = productionConfig(siteFromConfig(cfg, brotli), { certificate: "/c.pem", certificateKey: "/k.pem" });
  assert.doesNotMatch(siteFile, /load_module/, "load_module is not allowed in the http context a site file is included in");
  assert.match(siteFile, /^\s+brotli_static on;$/m);
  assert.doesNotMatch(httpTestConfig(siteFromConfig(cfg), { port: 8080 }, { prefix: "/tmp/x" }), /load_module|brotli_static on/);
  // npm run setup installs libnginx-mod-http-brotli-static: this machine's nginx can serve .br
  assert.deepEqual(localBrotli(), brotli, "run npm run setup (libnginx-mod-http-brotli-static)");
});

test("production: port 80 only redirects; TLS 1.2/1.3 with ECDHE+AEAD ciphers; HTTP/2", () => {
  const conf = productionConfig(siteFromConfig(cfg), { certificate: "/c.pem", certificateKey: "/k.pem" });
  // (the TLS e2e test checks what a client sees; Debian's OpenSSL would refuse TLS 1.0 even if nginx allowed it)
  assert.match(conf, /^\s+ssl_protocols TLSv1\.2 TLSv1\.3;$/m);
  const ciphers = /ssl_ciphers '([^']+)'/.exec(conf)?.[1]?.split(":") ?? [];
  assert.ok(ciphers.length > 0 && ciphers.every((c) => /^ECDHE-(RSA|ECDSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/.test(c)), ciphers.join(":"));
  assert.match(conf, /ssl_prefer_server_ciphers on;/);
  assert.match(conf, /^\s+ssl_ecdh_curve X25519:prime256v1:secp384r1;$/m, "Mozilla intermediate groups, P-256 included");
  const plain = conf.slice(conf.indexOf("server {"), conf.indexOf("server {", conf.indexOf("server {") + 1));
  assert.match(plain, /listen 80;/);
  assert.match(plain, /return 301 https:\/\/magicbroccoli\.de\$request_uri;/);
  assert.doesNotMatch(plain, /root |proxy_pass/, "nothing is served over plain HTTP");
  assert.match(conf, /listen 443 ssl http2;/);
});

test("limits: zones in the http context, per-address limits and the idle timeout on both XMPP endpoints", () => {
  const limits = { connections: 7, requestsPerMinute: 90, burst: 11, idleTimeout: 150 };
  const conf = productionConfig(siteFromConfig(cfg, { limits }), { certificate: "/c.pem", certificateKey: "/k.pem" });
  assert.match(conf, /^limit_conn_zone \$binary_remote_addr zone=broccoli_xmpp_conn:10m;$/m);
  assert.match(conf, /^limit_req_zone \$binary_remote_addr zone=broccoli_xmpp_req:10m rate=90r\/m;$/m);
  for (const loc of ["/xmpp-websocket", "/http-bind"]) {
    const body = new RegExp(`location = ${loc} \\{([^}]*)\\}`).exec(conf)?.[1] ?? "";
    assert.match(body, /limit_conn broccoli_xmpp_conn 7;/, loc);
    assert.match(body, /limit_req zone=broccoli_xmpp_req burst=11 nodelay;/, loc);
    assert.match(body, /limit_conn_status 429;\s+limit_req_status 429;/, loc);
    assert.match(body, /proxy_read_timeout 150s;/, loc);
  }
  assert.equal(conf.match(/limit_(conn|req) /g)?.length, 4, "only the two XMPP locations are limited");
});

test("limits: [params.deploy.limits] over the defaults, key by key", () => {
  assert.deepEqual(siteFromConfig({ ...cfg, params: { ...cfg.params, deploy: { ...cfg.params.deploy, limits: { burst: 3 } } } }).limits, { ...DEFAULT_LIMITS, burst: 3 });
  assert.deepEqual(siteFromConfig({ ...cfg, params: { ...cfg.params, deploy: { ...cfg.params.deploy, limits: {} } } }).limits, DEFAULT_LIMITS);
  assert.ok(DEFAULT_LIMITS.idleTimeout > 120, "above Prosody's bosh_max_wait, so BOSH long polls are not cut");
});

test("nginx -t accepts the generated production site file", async () => {
  const dir = path.join(tmp, "prod");
  const ca = await makeTestCA(path.join(dir, "ca"), [cfg.params.xmpp.domain]);
  await fs.writeFile(path.join(dir, "site.conf"), productionConfig(siteFromConfig(cfg), { certificate: ca.cert, certificateKey: ca.key }));
  await fs.writeFile(
    path.join(dir, "nginx.conf"),
    `error_log ${dir}/error.log;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path ${dir}/cb; proxy_temp_path ${dir}/p; fastcgi_temp_path ${dir}/f; uwsgi_temp_path ${dir}/u; scgi_temp_path ${dir}/s;\n  include ${dir}/site.conf;\n}\n`,
  );
  assert.match(testConfig(path.join(dir, "nginx.conf"), dir), /test is successful/);
});

// ---- the harness variant, against real nginx -------------------------------------------------

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
function get(port: number, p: string, headers: Record<string, string> = {}, method = "GET"): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: p, headers, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0) });
    });
    req.on("error", reject);
    req.end(method === "POST" ? "<body/>" : undefined);
  });
}

const HASH = "a".repeat(96);
async function servedSite(): Promise<{ port: number; seen: http.IncomingHttpHeaders[] }> {
  const root = path.join(tmp, "root");
  const files: Record<string, string> = {
    "index.html": "<!doctype html><p>Startseite</p>",
    "404.html": "<p>Seite nicht gefunden</p>",
    "en/index.html": "<p>Home</p>",
    "en/404.html": "<p>Page not found</p>",
    ".well-known/host-meta": "<XRD/>",
    ".well-known/host-meta.json": "{}",
    ".well-known/xmpp-provider-v2.json": "{}",
    ".well-known/security.txt": "Contact: mailto:a@b.de\n",
    [`dist/js/main.${HASH}.js`]: "console.log(1)",
    ".hidden": "secret",
    "en/.hidden": "secret",
    "en/app.webmanifest": "{}",
  };
  for (const [f, body] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await fs.writeFile(path.join(root, f), body);
  }
  // a precompressed twin with a marker the original lacks: proves nginx serves the .gz file itself
  await fs.writeFile(path.join(root, "index.html.gz"), zlib.gzipSync("<!doctype html><p>Startseite (precompressed)</p>"));
  const seen: http.IncomingHttpHeaders[] = [];
  const prosody = http.createServer((req, res) => {
    seen.push({ ...req.headers, "x-path": req.url ?? "" });
    if (req.url === "/metrics") {
      // what Prosody 0.12's mod_http_openmetrics answers, CORS headers included
      res.writeHead(200, { "content-type": "application/openmetrics-text; version=0.0.4", "access-control-allow-origin": "*" }).end(metricsBody);
      return;
    }
    res.writeHead(200, { "content-type": "text/xml" }).end("<body xmlns='http://jabber.org/protocol/httpbind'/>");
  });
  prosody.on("upgrade", (req, socket) => {
    seen.push({ ...req.headers, "x-path": req.url ?? "" });
    socket.end("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: xmpp\r\n\r\n");
  });
  servers.push(prosody);
  await new Promise<void>((r) => prosody.listen(0, "127.0.0.1", r));
  const upstream = `127.0.0.1:${(prosody.address() as { port: number }).port}`;
  const port = await freePort();
  const site = siteFromConfig(cfg, {
    root,
    prosody: upstream,
    websocket: `ws://127.0.0.1:${port}/xmpp-websocket`,
    bosh: `http://127.0.0.1:${port}/http-bind`,
    baseURL: `http://127.0.0.1:${port}/`,
    // the owner's value from the seed, switched on here whatever hugo.toml says
    robotsTag: "none",
  });
  const prefix = path.join(tmp, "run");
  running.push(await spawnNginx({ prefix, config: httpTestConfig(site, { port }, { prefix, ...(user ? { user } : {}) }), ports: [port] }));
  return { port, seen };
}
const site = servedSite();

// ---- the live status: Prosody's /metrics through nginx's SSI allow-list ------------------------
// a real body of Debian's Prosody 0.12 (the parser's fixture), with lines that must never pass added to an
// allowed family: a label value with HTML, and a value with text after the number
const captured = await fs.readFile(new URL("../../themes/broccoli/assets/ts/status/fixtures/prosody-0.12-a.txt", import.meta.url), "utf8");
let metricsBody = captured.replace(
  /(prosody_mod_c2s__connections\{[^\n]*ipv4"\} 1)\n/,
  '$1\nprosody_mod_c2s__connections{host="<script>alert(1)</script>",type="c2s"} 2\nprosody_mod_c2s__connections{host="x"} 1e400x\n',
);

test("status: only the allowed families pass, with their samples as Prosody wrote them", async () => {
  const { port, seen } = await site;
  const res = await get(port, "/status/metrics", { "x-forwarded-for": "203.0.113.9" });
  assert.equal(res.status, 200);
  assert.equal(res.headers["content-type"], "application/openmetrics-text; version=1.0.0; charset=utf-8");
  assert.equal(res.headers["cache-control"], `public, max-age=${STATUS_MAX_AGE}`);
  assert.equal(res.headers["access-control-allow-origin"], undefined, "Prosody's CORS header does not pass");
  assert.ok(res.headers["content-security-policy"], "the server's headers are kept");
  const body = res.body.toString();
  assert.equal(
    body,
    [
      "# TYPE prosody_mod_c2s__connections gauge",
      'prosody_mod_c2s__connections{host="localhost",type="c2s",ip_family="ipv6"} 0',
      'prosody_mod_c2s__connections{host="localhost",type="c2s",ip_family="ipv4"} 1',
      "# TYPE prosody_mod_s2s__connections_inbound gauge",
      "# TYPE prosody_mod_s2s__connections_outbound gauge",
      "# TYPE prosody_mod_site_status__stanzas counter",
      "prosody_mod_site_status__stanzas_created 1796314733.5487449",
      "prosody_mod_site_status__stanzas_total 8",
      "# TYPE process_start_time_seconds gauge",
      "process_start_time_seconds 1796314733",
      "# EOF",
      "",
    ].join("\n"),
  );
  // every family of Prosody's body that the page does not show is gone
  const shown = new Set<string>(Object.values(STATUS_FAMILIES).map((f) => f.name));
  const all = [...captured.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]!);
  assert.ok(all.length > shown.size + 5);
  for (const f of all.filter((n) => !shown.has(n))) assert.ok(!body.includes(f), `${f} is filtered out`);
  // Prosody sees nginx (loopback, allowed by openmetrics_allow_ips), never the visitor's address
  const up = seen.filter((h) => h["x-path"] === "/metrics").at(-1);
  assert.ok(up, "the request reached Prosody's /metrics");
  assert.equal(up["x-forwarded-for"], undefined);
});

test("status: read-only (GET and HEAD), the upstream location is internal", async () => {
  const { port } = await site;
  assert.equal((await get(port, "/status/metrics", {}, "HEAD")).status, 200);
  for (const method of ["POST", "PUT", "DELETE", "OPTIONS"]) assert.equal((await get(port, "/status/metrics", {}, method)).status, 403, method);
  assert.equal((await get(port, STATUS_UPSTREAM)).status, 404);
});

test("status: Prosody away or answering garbage: no family, only # EOF", async () => {
  const { port } = await site;
  const saved = metricsBody;
  try {
    metricsBody = "<!doctype html><title>502</title>\n";
    assert.equal((await get(port, "/status/metrics")).body.toString(), "# EOF\n");
  } finally {
    metricsBody = saved;
  }
  const dir = path.join(tmp, "status-down");
  const downPort = await freePort();
  const down = siteFromConfig(cfg, { root: tmp, prosody: "127.0.0.1:9", baseURL: `http://127.0.0.1:${downPort}/` });
  running.push(await spawnNginx({ prefix: dir, config: httpTestConfig(down, { port: downPort }, { prefix: dir, ...(user ? { user } : {}) }), ports: [downPort] }));
  const res = await get(downPort, "/status/metrics");
  assert.equal(res.status, 200);
  assert.equal(res.body.toString(), "# EOF\n");
});

test("status: no [params.status], no location", () => {
  const site = siteFromConfig(cfg);
  assert.match(productionConfig(site, { certificate: "/c.pem", certificateKey: "/k.pem" }), /location = \/status\/metrics \{/);
  const without = { ...site };
  delete without.statusMetrics;
  const conf = productionConfig(without, { certificate: "/c.pem", certificateKey: "/k.pem" });
  assert.doesNotMatch(conf, /status\/metrics|broccoli_dollar|^\s*ssi /m);
});

test("pages carry the seed's headers, the CSP and revalidation; no CORS", async () => {
  const { port } = await site;
  const r = await get(port, "/");
  assert.equal(r.status, 200);
  assert.equal(r.headers["strict-transport-security"], "max-age=31536000; includeSubDomains; preload");
  assert.equal(r.headers["x-content-type-options"], "nosniff");
  assert.equal(r.headers["x-xss-protection"], undefined, "deprecated header dropped");
  assert.equal(r.headers["x-robots-tag"], "none");
  assert.equal(r.headers["x-download-options"], "noopen");
  assert.equal(r.headers["x-permitted-cross-domain-policies"], "none");
  assert.equal(r.headers["referrer-policy"], "strict-origin-when-cross-origin");
  assert.match(String(r.headers["permissions-policy"]), /(^|, )camera=\(\), .*geolocation=\(\), .*microphone=\(\), .*payment=\(\), .*usb=\(\)/);
  assert.doesNotMatch(String(r.headers["permissions-policy"]), /clipboard/, "the copy buttons keep the clipboard");
  assert.match(String(r.headers["content-security-policy"]), new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${port}/xmpp-websocket;`));
  assert.equal(r.headers["cache-control"], "no-cache");
  assert.equal(r.headers["access-control-allow-origin"], undefined);
  assert.match(String(r.headers["content-type"]), /^text\/html; charset=utf-8$/);
});

test("gzip_static serves the build's .gz twin", async () => {
  const { port } = await site;
  const r = await get(port, "/", { "accept-encoding": "gzip" });
  assert.equal(r.headers["content-encoding"], "gzip");
  assert.equal(r.headers["vary"], "Accept-Encoding");
  assert.match(zlib.gunzipSync(r.body).toString(), /\(precompressed\)/);
});

test("well-known files: content types and CORS *", async () => {
  const { port } = await site;
  const expect: Record<string, RegExp> = {
    "host-meta": /^application\/xrd\+xml/,
    "host-meta.json": /^application\/json/,
    "xmpp-provider-v2.json": /^application\/json/,
    "security.txt": /^text\/plain/,
  };
  for (const [f, type] of Object.entries(expect)) {
    const r = await get(port, `/.well-known/${f}`);
    assert.equal(r.status, 200, f);
    assert.match(String(r.headers["content-type"]), type, f);
    assert.equal(r.headers["access-control-allow-origin"], "*", f);
    assert.ok(r.headers["content-security-policy"], `${f} keeps the security headers`);
  }
});

test("fingerprinted assets are immutable; 404 pages per language; dotfiles hidden", async () => {
  const { port } = await site;
  assert.equal((await get(port, `/dist/js/main.${HASH}.js`)).headers["cache-control"], "public, max-age=31536000, immutable");
  const de = await get(port, "/gibt-es-nicht/");
  assert.equal(de.status, 404);
  assert.match(de.body.toString(), /Seite nicht gefunden/);
  assert.ok(de.headers["content-security-policy"], "404 keeps the headers");
  const en = await get(port, "/en/does-not-exist/");
  assert.equal(en.status, 404);
  assert.match(en.body.toString(), /Page not found/);
  assert.equal((await get(port, "/.hidden")).status, 404);
  const enHidden = await get(port, "/en/.hidden");
  assert.equal(enHidden.status, 404, "the language prefix location does not skip the dotfile rule");
  assert.match(enHidden.body.toString(), /Page not found/);
  assert.equal((await get(port, "/en/app.webmanifest")).headers["content-type"], "application/manifest+json");
});

test("/xmpp-websocket and /http-bind reach Prosody with Upgrade, Connection and Host", async () => {
  const { port, seen } = await site;
  const ws = await get(port, "/xmpp-websocket", {
    host: "magicbroccoli.de",
    upgrade: "websocket",
    connection: "Upgrade",
    "sec-websocket-protocol": "xmpp",
    "sec-websocket-version": "13",
    "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
  });
  assert.equal(ws.status, 101);
  const up = seen.find((h) => h["x-path"] === "/xmpp-websocket");
  assert.ok(up, "request reached the upstream");
  assert.equal(up.upgrade, "websocket");
  assert.equal(up.connection, "upgrade");
  assert.equal(up.host, "magicbroccoli.de", "Prosody sees the virtual host the client asked for");
  const bosh = await get(port, "/http-bind", { "content-type": "text/xml" }, "POST");
  assert.equal(bosh.status, 200);
  assert.ok(seen.some((h) => h["x-path"] === "/http-bind"));
});

test("Prosody is told the client's address, never what the client claims (X-Forwarded-For is set, not appended)", async () => {
  const { port, seen } = await site;
  for (const p of ["/http-bind", "/xmpp-websocket"]) {
    const before = seen.length;
    const forged = { "x-forwarded-for": "203.0.113.9", "content-type": "text/xml" };
    const ws = { upgrade: "websocket", connection: "Upgrade", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" };
    await get(port, p, p === "/http-bind" ? forged : { ...forged, ...ws }, p === "/http-bind" ? "POST" : "GET");
    const up = seen.slice(before).find((h) => h["x-path"] === p);
    assert.ok(up, `${p} reached the upstream`);
    assert.equal(up["x-forwarded-for"], "127.0.0.1", p);
    assert.equal(up["x-forwarded-proto"], "http", p);
  }
});
