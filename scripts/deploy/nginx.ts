// The nginx site configuration, generated from hugo.toml (one source of truth), in three variants:
//   production  port 80 -> 301 to https; 443 with TLS 1.2/1.3 (forward-secret ciphers), HTTP/2,
//               the seed's security headers + a strict CSP, Prosody behind /xmpp-websocket and /http-bind.
//               `npm run nginx:config` writes it to deploy/nginx/<domain>.conf (git-ignored).
//   http        the test harness: a complete nginx.conf with one plain-HTTP listener on 127.0.0.1:<port>,
//               the same headers, CSP, locations and proxies, everything else under a temp dir.
//   tls         the TLS test: like production (redirect + TLS listener) on 127.0.0.1 ports, complete nginx.conf.
// Header inheritance: nginx drops server-level add_header in any location that has its own, so every
// header is added once at server level and per-path values come from `map`s (cache, CORS).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import type { ResolvedConfig, ProxyLimits } from "../config/config.ts";
import { STATUS_FAMILIES, type FamilyType } from "../../themes/broccoli/assets/ts/status/families.ts";

export interface NginxSite {
  /** server_name (the domain) */
  serverName: string;
  /** folder served as document root */
  root: string;
  /** Prosody's HTTP listener, host:port */
  prosody: string;
  /** XEP-0156 endpoints (their paths become the proxied locations; websocket also goes into connect-src) */
  websocket: string;
  bosh: string;
  /** X-Robots-Tag value; "" = header not sent */
  robotsTag: string;
  /** non-default language codes: /<code>/… gets /<code>/404.html */
  languages: string[];
  /** site origin, to decide whether BOSH needs its own connect-src entry */
  baseURL: string;
  /** load brotli_static (only when ngx_brotli is installed) */
  brotli?: boolean;
  /** with brotli: the dynamic module a complete nginx.conf (the test variants) loads with load_module;
   *  the production site file needs none (Debian's nginx.conf includes modules-enabled/, where the
   *  package's 50-mod-http-brotli-static.conf loads it) */
  brotliModule?: string;
  /** nginx >= 1.25.1 uses `http2 on;` instead of `listen … http2` */
  http2Directive?: boolean;
  /** per-address limits on the XMPP endpoints ([params.deploy.limits] over DEFAULT_LIMITS) */
  limits: ProxyLimits;
  /** path of the live status' metrics (hugo.toml [params.status] metrics); none: no such location */
  statusMetrics?: string;
}

/**
 * Defaults for [params.deploy.limits]. A web client holds 1 WebSocket (or 2 BOSH requests) per tab, and
 * a BOSH login makes ~10 requests at once; 20/address leaves room for a household or office behind one
 * NAT address while one address can no longer hold all of nginx's worker connections. 180 s idle is
 * above Prosody's bosh_max_wait (120 s), so a BOSH long poll is never cut.
 */
export const DEFAULT_LIMITS: ProxyLimits = { connections: 20, requestsPerMinute: 300, burst: 20, idleTimeout: 180 };

export interface TlsListen {
  certificate: string;
  certificateKey: string;
  /** defaults: production 80/443 on all addresses (v4 + v6) */
  address?: string;
  httpPort?: number;
  httpsPort?: number;
}

export const TLS_PROTOCOLS = "TLSv1.2 TLSv1.3";
/** TLS 1.2: ECDHE (forward secret) with AEAD ciphers only; TLS 1.3 suites are all forward secret. */
export const TLS_CIPHERS = [
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
].join(":");
/**
 * Mozilla's "intermediate" groups. The seed had secp384r1:secp521r1 (plus X25519 here), which left out
 * P-256: a client that offers only P-256 (common in embedded TLS stacks) failed the handshake.
 */
export const TLS_CURVES = "X25519:prime256v1:secp384r1";

/**
 * Browser features switched off for every page: the site uses none of them. Not listed, so left at the
 * browser's default: clipboard-write (the copy buttons, features/copy.ts). Only names Chromium knows;
 * an unknown name makes it log an error on every page (e2e/headers.spec.ts checks).
 */
export const PERMISSIONS_OFF = [
  "accelerometer",
  "autoplay",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

export const WELL_KNOWN_TYPES: Record<string, string> = {
  "host-meta": "application/xrd+xml",
  "host-meta.json": "application/json",
  "xmpp-provider-v2.json": "application/json",
  "security.txt": "text/plain",
};

const q = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** The nginx site of the resolved config: [params.xmpp] endpoints, [params.deploy], the languages. */
export function siteFromConfig(cfg: ResolvedConfig, over: Partial<NginxSite> = {}): NginxSite {
  const { xmpp, deploy } = cfg.params;
  return {
    serverName: xmpp.domain,
    root: deploy.webRoot,
    prosody: deploy.prosody,
    websocket: xmpp.websocket,
    bosh: xmpp.bosh,
    robotsTag: deploy.robotsTag,
    languages: cfg.languages.map((l) => l.code).filter((c) => c !== cfg.defaultContentLanguage),
    baseURL: cfg.baseURL,
    limits: { ...DEFAULT_LIMITS, ...deploy.limits },
    ...(cfg.params.status ? { statusMetrics: cfg.params.status.metrics } : {}),
    ...over,
  };
}

export function contentSecurityPolicy(site: Pick<NginxSite, "websocket" | "bosh" | "baseURL">): string {
  const connect = ["'self'", site.websocket];
  if (new URL(site.bosh).origin !== new URL(site.baseURL).origin) connect.push(site.bosh);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect.join(" ")}`,
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * The headers every response carries (name -> value): the seed's, changed where a review found them weak
 * (deploy/README.md "Security" says why): no X-XSS-Protection (deprecated, and the CSP covers it),
 * Referrer-Policy strict-origin-when-cross-origin instead of no-referrer-when-downgrade (which sent each
 * page's full address to every HTTPS site it links to), plus the CSP and a Permissions-Policy.
 */
export function securityHeaders(site: NginxSite): [string, string][] {
  const h: [string, string][] = [
    ["Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"],
    ["X-Content-Type-Options", "nosniff"],
    ["X-Download-Options", "noopen"],
    ["X-Permitted-Cross-Domain-Policies", "none"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["Permissions-Policy", PERMISSIONS_OFF.map((f) => `${f}=()`).join(", ")],
    ["Content-Security-Policy", contentSecurityPolicy(site)],
  ];
  if (site.robotsTag) h.splice(2, 0, ["X-Robots-Tag", site.robotsTag]);
  return h;
}

export const FINGERPRINTED = String.raw`\.[0-9a-f]{32,}\.[a-z0-9]+$`;

/** http-context part: maps for per-path Cache-Control and CORS, the websocket Connection header. */
export function httpContext(site: NginxSite): string {
  const wk = Object.keys(WELL_KNOWN_TYPES)
    .map((f) => f.replace(/\./g, "\\."))
    .join("|");
  return `# per-path values (a location-level add_header would drop the server-level security headers)
map $uri $broccoli_cache_control {
    "~${FINGERPRINTED}"  "public, max-age=31536000, immutable";
    "~^/\\.well-known/"  "public, max-age=3600";
${site.statusMetrics ? `    ${q(site.statusMetrics)}  "public, max-age=${STATUS_MAX_AGE}";\n` : ""}    default            "no-cache";
}
map $uri $broccoli_cors {
    "~^/\\.well-known/(?:${wk})$"  "*";
    default  "";
}
map $http_upgrade $broccoli_connection_upgrade {
    default  upgrade;
    ""       close;
}

# per client address on the XMPP endpoints ([params.deploy.limits]); pages and files are not limited
limit_conn_zone $binary_remote_addr zone=broccoli_xmpp_conn:10m;
limit_req_zone $binary_remote_addr zone=broccoli_xmpp_req:10m rate=${site.limits.requestsPerMinute}r/m;

upstream broccoli_prosody {
    server ${site.prosody};
}
${site.statusMetrics ? `# a literal "$" for the status filter's SSI template (nginx strings have no escape for it)\ngeo $broccoli_dollar {\n    default "$";\n}\n` : ""}`;
}

function indent(s: string, n: number): string {
  const pad = " ".repeat(n);
  return s
    .split("\n")
    .map((l) => (l ? pad + l : l))
    .join("\n");
}

// ---- the live status: Prosody's /metrics, filtered ----------------------------------------
// Prosody 0.12's mod_http_openmetrics serves every metric family at once (no query parameters, no
// statistics option that selects families). nginx passes on only the families of STATUS_FAMILIES, with
// Debian's stock modules and no code of our own: the response is a fixed SSI template (a static
// allow-list); an SSI subrequest reads Prosody's /metrics into a variable, and for each allowed family one
// `if` with a regular expression captures that family's sample lines, which must look exactly like
// samples (name, simple labels, a number). Nothing else of Prosody's body can reach the visitor.

/** seconds a browser or proxy may keep the filtered metrics */
export const STATUS_MAX_AGE = 5;
/** the internal location the SSI subrequest reads Prosody's /metrics from */
export const STATUS_UPSTREAM = "/_broccoli_prosody_metrics";

// label values as Prosody writes them for these families (host names, session types, address families)
const LABELS = String.raw`\{[a-z_]+=\x22[A-Za-z0-9_.:-]*\x22(?:,[a-z_]+=\x22[A-Za-z0-9_.:-]*\x22)*\}`;
// a number that ends its line (the lookahead: a line that goes on after the number is no sample)
const VALUE = String.raw`[-+]?(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|Inf|NaN)(?=\n)`;

/** The regular expression (PCRE, as the SSI `if` gets it) that finds a family's # TYPE line and captures
 *  the sample lines right after it: gauges their own name, counters `<name>_total` and `<name>_created`. */
export function statusFamilyRegex(name: string, type: FamilyType): string {
  const sample = type === "counter" ? `${name}_(?:total|created)` : name;
  return String.raw`# TYPE ${name} ${type}((?:\n${sample}(?:${LABELS})? ${VALUE})*)`;
}

/** The SSI `if` expression of each allowed family (one per family of STATUS_FAMILIES). */
export function statusExpressions(): Array<{ name: string; type: FamilyType; expr: string }> {
  return Object.values(STATUS_FAMILIES).map((f) => ({ name: f.name, type: f.type, expr: `$broccoli_metrics = /${statusFamilyRegex(f.name, f.type)}/` }));
}

/** The SSI template nginx returns at the status path: the allowed families' # TYPE lines and samples, # EOF. */
export function statusTemplate(): string {
  const parts = statusExpressions().map((f) => `<!--# if expr="${f.expr}" --># TYPE ${f.name} ${f.type}<!--# echo var="1" encoding="none" -->\n<!--# endif -->`);
  return `<!--# include virtual="${STATUS_UPSTREAM}" set="broccoli_metrics" -->${parts.join("")}# EOF\n`;
}

/** The template as an nginx single-quoted string: backslashes doubled, newlines as \n (nginx turns both
 *  back), "$" through the geo variable $broccoli_dollar (nginx strings have no escape for it). */
export function nginxQuoted(text: string): string {
  if (text.includes("'")) throw new Error("nginxQuoted: the text must not contain single quotes");
  return `'${text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\$/g, "${broccoli_dollar}")}'`;
}

/** The two locations of the live status (GET/HEAD only; POST and the rest: 403). */
export function statusLocations(path: string): string {
  // SSI parameters longer than ssi_value_length (default 256) are cut off
  const longest = Math.max(...statusExpressions().map((f) => f.expr.length));
  return `# live status (hugo.toml [params.status]): Prosody's /metrics, only the families the page shows
location = ${path} {
    limit_except GET {
        deny all;
    }
    ssi on;
    ssi_types *;
    ssi_silent_errors on;
    ssi_value_length ${Math.ceil((2 * longest) / 256) * 256};
    default_type "application/openmetrics-text; version=1.0.0; charset=utf-8";
    return 200 ${nginxQuoted(statusTemplate())};
}
location = ${STATUS_UPSTREAM} {
    internal;
    proxy_pass http://broccoli_prosody/metrics;
    proxy_http_version 1.1;
    proxy_set_header Host $host;
    # Prosody trusts X-Forwarded-For from loopback proxies and allows only openmetrics_allow_ips: never pass one on
    proxy_set_header X-Forwarded-For "";
    proxy_set_header Accept-Encoding "";
    proxy_pass_request_body off;
    proxy_set_header Content-Length "";
    proxy_connect_timeout 2s;
    proxy_read_timeout 5s;
    subrequest_output_buffer_size 256k;
}`;
}

/** The locations and headers shared by every variant (inside `server { }`). */
export function serverBody(site: NginxSite): string {
  const ws = new URL(site.websocket).pathname;
  const bosh = new URL(site.bosh).pathname;
  const headers = securityHeaders(site)
    .map(([k, v]) => `add_header ${k} ${q(v)} always;`)
    .join("\n");
  const wellKnown = Object.entries(WELL_KNOWN_TYPES)
    .map(([f, t]) => `location = /.well-known/${f} {\n    types { }\n    default_type ${t};\n}`)
    .join("\n");
  // Rules for files, nested in every prefix location: a `^~` prefix location (the languages) skips the
  // server's regex locations, so these were once missing under /en/ (dotfiles served, manifests untyped).
  const fileRules = indent(
    `# dotfiles and dot-folders (.git/, .env, editor backups) are never served; .well-known/ has its own locations
location ~ /\\.(?!well-known/) {
    return 404;
}
# web app manifests: Debian's mime.types has no entry for .webmanifest (it would be octet-stream)
location ~ \\.webmanifest$ {
    types { }
    default_type application/manifest+json;
}`,
    4,
  );
  const langs = site.languages.map((l) => `location ^~ /${l}/ {\n    error_page 404 /${l}/404.html;\n    try_files $uri $uri/ =404;\n${fileRules}\n}`).join("\n");
  // X-Forwarded-For: the client's address as nginx sees it, replacing whatever the client sent. nginx is
  // the first hop, so anything already in the header is the client's own claim; Prosody (trusted_proxies,
  // default loopback) counts registrations per this address (deploy/README.md "Client addresses").
  const proxyCommon = `proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_buffering off;
    proxy_read_timeout ${site.limits.idleTimeout}s;
    proxy_send_timeout ${site.limits.idleTimeout}s;
    limit_conn broccoli_xmpp_conn ${site.limits.connections};
    limit_req zone=broccoli_xmpp_req burst=${site.limits.burst} nodelay;
    limit_conn_status 429;
    limit_req_status 429;`;
  return `root ${site.root};
index index.html;
charset utf-8;
charset_types text/css text/plain text/xml application/javascript application/json application/xrd+xml application/rss+xml image/svg+xml;
server_tokens off;
absolute_redirect off;

# precompressed twins written by the build (scripts/build/compress.ts)
gzip_static on;
gzip_vary on;
${site.brotli ? "brotli_static on;\n" : "# brotli_static: ngx_brotli not installed (apt-get install libnginx-mod-http-brotli-static, then npm run nginx:config)\n"}
${headers}
add_header Cache-Control $broccoli_cache_control always;
add_header Access-Control-Allow-Origin $broccoli_cors always;

error_page 404 /404.html;

location / {
    try_files $uri $uri/ =404;
${fileRules}
}
${langs}
# XEP-0156 discovery and the provider file: exact content types, CORS * (via the map above)
${wellKnown}

# Prosody (mod_websocket, mod_bosh)
location = ${ws} {
    proxy_pass http://broccoli_prosody/xmpp-websocket;
    ${proxyCommon}
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $broccoli_connection_upgrade;
}
location = ${bosh} {
    proxy_pass http://broccoli_prosody/http-bind;
    ${proxyCommon}
}${site.statusMetrics ? "\n" + statusLocations(site.statusMetrics) : ""}`;
}

function tlsServer(site: NginxSite, tls: TlsListen): string {
  const addr = tls.address;
  const https = tls.httpsPort ?? 443;
  const listen = (port: number, extra: string) => (addr ? `listen ${addr}:${port}${extra};` : `listen ${port}${extra};\nlisten [::]:${port}${extra};`);
  const h2 = site.http2Directive ? "" : " http2";
  const redirectHost = addr ? `$host` : site.serverName;
  const portPart = https === 443 ? "" : `:${https}`;
  // $host drops the port, so the redirect names the TLS port explicitly when it is not 443
  return `server {
${indent(listen(tls.httpPort ?? 80, ""), 4)}
    server_name ${site.serverName};
    server_tokens off;
    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains; preload" always;
    # no plain-text content: every request is upgraded to HTTPS
    location / {
        return 301 https://${redirectHost}${portPart}$request_uri;
    }
}

server {
${indent(listen(https, ` ssl${h2}`), 4)}
${site.http2Directive ? "    http2 on;\n" : ""}    server_name ${site.serverName};

    ssl_certificate ${tls.certificate};
    ssl_certificate_key ${tls.certificateKey};
    ssl_protocols ${TLS_PROTOCOLS};
    ssl_ciphers '${TLS_CIPHERS}';
    ssl_prefer_server_ciphers on;
    ssl_ecdh_curve ${TLS_CURVES};
    ssl_session_cache shared:broccoli_ssl:10m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;

${indent(serverBody(site), 4)}
}
`;
}

/** The site file for /etc/nginx/sites-available (included in the http context of nginx.conf). */
export function productionConfig(site: NginxSite, tls: TlsListen): string {
  return `# Generated by \`npm run nginx:config\` from hugo.toml — edit hugo.toml, not this file.
${httpContext(site)}
${tlsServer(site, tls)}`;
}

export interface StandaloneOptions {
  /** temp folder for logs, pid, temp paths */
  prefix: string;
  /** extra folders served as-is, location prefix -> directory (e.g. stand-ins for the operator's Munin graphs) */
  aliases?: Record<string, string>;
  /** user for worker processes (only when nginx runs as root, e.g. "root" so it can read 0700 temp dirs) */
  user?: string;
}

function standalone(opts: StandaloneOptions, servers: string, site: NginxSite): string {
  const p = opts.prefix;
  return `# Generated for the test harness (scripts/deploy/nginx.ts); started with -p ${p} -g 'daemon off; pid …;'
${site.brotli && site.brotliModule ? `load_module ${site.brotliModule};\n` : ""}${opts.user ? `user ${opts.user};\n` : ""}worker_processes 1;
error_log ${p}/error.log warn;

events {
    worker_connections 256;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${p}/access.log;
    client_body_temp_path ${p}/client_body;
    proxy_temp_path ${p}/proxy;
    fastcgi_temp_path ${p}/fastcgi;
    uwsgi_temp_path ${p}/uwsgi;
    scgi_temp_path ${p}/scgi;
    sendfile on;
    keepalive_timeout 10s;

${indent(httpContext(site), 4)}
${indent(servers, 4)}
}
`;
}

/** Test harness: plain HTTP on address:port with the production headers, CSP, locations and proxies. */
export function httpTestConfig(site: NginxSite, listen: { address?: string; port: number }, opts: StandaloneOptions): string {
  const aliases = Object.entries(opts.aliases ?? {})
    .map(([loc, dir]) => `location ^~ ${loc.endsWith("/") ? loc : loc + "/"} {\n    alias ${dir.endsWith("/") ? dir : dir + "/"};\n}`)
    .join("\n");
  const server = `server {
    listen ${listen.address ?? "127.0.0.1"}:${listen.port};
    server_name ${site.serverName} 127.0.0.1 localhost;

${indent(serverBody(site), 4)}
${indent(aliases, 4)}
}
`;
  return standalone(opts, server, site);
}

/** TLS test: the production server pair on 127.0.0.1 ports, as a complete nginx.conf. */
export function tlsTestConfig(site: NginxSite, tls: TlsListen, opts: StandaloneOptions): string {
  return standalone(opts, tlsServer(site, { address: "127.0.0.1", ...tls }), site);
}

// ---- what the local nginx can do ----------------------------------------------------------

/** nginx version as [major, minor, patch], or undefined when nginx is not installed. */
export function nginxVersion(bin = "/usr/sbin/nginx"): [number, number, number] | undefined {
  const r = spawnSync(bin, ["-v"], { encoding: "utf8" });
  return r.error ? undefined : parseVersion(`${r.stdout}${r.stderr}`);
}

export function parseVersion(s: string): [number, number, number] | undefined {
  const m = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(s);
  return m ? [+m[1]!, +m[2]!, +m[3]!] : undefined;
}

export function usesHttp2Directive(v: [number, number, number] | undefined): boolean {
  if (!v) return false;
  const [a, b, c] = v;
  return a > 1 || (a === 1 && (b > 25 || (b === 25 && c >= 1)));
}

/** Where Debian's libnginx-mod-http-brotli-static installs the module (npm run setup installs the package). */
export const BROTLI_STATIC_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/** brotli for a complete nginx.conf of this machine's nginx (the test variants): compiled in, or the
 *  Debian module file to load; {} when neither is there (the .br files then go unserved). */
export function localBrotli(bin = "/usr/sbin/nginx", module = BROTLI_STATIC_MODULE): Pick<NginxSite, "brotli" | "brotliModule"> {
  if (existsSync(module)) return { brotli: true, brotliModule: module };
  const r = spawnSync(bin, ["-V"], { encoding: "utf8" });
  return !r.error && /brotli/i.test(`${r.stdout}${r.stderr}`) ? { brotli: true } : {};
}

/** True when the brotli_static directive is available (compiled in, or the dynamic module is enabled). */
export function hasBrotli(bin = "/usr/sbin/nginx"): boolean {
  const r = spawnSync(bin, ["-V"], { encoding: "utf8" });
  if (!r.error && /brotli/i.test(`${r.stdout}${r.stderr}`)) return true;
  for (const dir of ["/etc/nginx/modules-enabled"]) {
    if (existsSync(dir) && readdirSync(dir).some((f) => /brotli/i.test(f))) return true;
  }
  return false;
}
