// The production server pair (scripts/deploy/nginx.ts tlsTestConfig = the operator's config on 127.0.0.1
// ports) with a throw-away CA and certificate made by openssl at test time:
// HTTP is redirected to HTTPS, TLS 1.0/1.1 are refused, 1.2/1.3 accepted with forward-secret ciphers
// only, HTTP/2 is offered, HSTS is sent. No browser page is needed, so this spec uses Playwright's
// plain test (the fixtures' page guard would only start an idle browser).
import { test, expect } from "@playwright/test";
import { promises as fs } from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { spawnSync } from "node:child_process";
import { resolveConfig } from "../scripts/config/config.ts";
import { siteFromConfig, tlsTestConfig } from "../scripts/deploy/nginx.ts";
import { spawnNginx, freePort, type NginxProcess } from "../scripts/harness/nginx-process.ts";
import { makeTestCA, type TestCA } from "../scripts/harness/testca.ts";
import { e2eSite } from "./support/global-setup.ts";

test.describe.configure({ mode: "serial" });

let nginx: NginxProcess;
let ca: TestCA;
let tmp: string;
let httpPort: number;
let httpsPort: number;

test.beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-tls-"));
  ca = await makeTestCA(path.join(tmp, "ca"), ["localhost"], "rsa");
  [httpPort, httpsPort] = [await freePort(), await freePort()];
  const cfg = await resolveConfig();
  const site = siteFromConfig(cfg, { root: e2eSite().siteDir, prosody: "127.0.0.1:9" });
  const prefix = path.join(tmp, "nginx");
  const user = process.getuid?.() === 0 ? "root" : undefined;
  const config = tlsTestConfig(site, { certificate: ca.cert, certificateKey: ca.key, httpPort, httpsPort }, { prefix, ...(user ? { user } : {}) });
  nginx = await spawnNginx({ prefix, config, ports: [httpPort, httpsPort] });
});

test.afterAll(async () => {
  await nginx?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

/** A TLS handshake with exactly one protocol version; resolves with the negotiated details or the error. */
function handshake(port: number, opts: tls.ConnectionOptions): Promise<{ ok: true; protocol: string | null; cipher: string; alpn: string | false | null } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const s = tls.connect({ host: "127.0.0.1", port, servername: "localhost", ca: [ca.caPem], ...opts }, () => {
      resolve({ ok: true, protocol: s.getProtocol(), cipher: s.getCipher().name, alpn: s.alpnProtocol });
      s.end();
    });
    s.on("error", (e) => resolve({ ok: false, error: e.message }));
  });
}

// OpenSSL 3 clients refuse TLS 1.0/1.1 at the default security level; level 0 lets this client offer them,
// so a refusal comes from nginx (the control below proves the client can do it).
const legacy = { ciphers: "DEFAULT@SECLEVEL=0" };

test("HTTP answers with a permanent redirect to the same path on HTTPS", async () => {
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get({ host: "127.0.0.1", port: httpPort, path: "/technik/?x=1" }, resolve).on("error", reject));
  res.resume();
  expect(res.statusCode).toBe(301);
  expect(res.headers.location).toBe(`https://127.0.0.1:${httpsPort}/technik/?x=1`);
});

test("TLS 1.0 and 1.1 are refused", async () => {
  for (const v of ["TLSv1", "TLSv1.1"] as const) {
    const r = await handshake(httpsPort, { minVersion: v, maxVersion: v, ...legacy });
    expect(r.ok, `${v} must be refused`).toBe(false);
  }
});

const WEAK_CIPHERS = ["AES256-GCM-SHA384", "AES128-SHA", "ECDHE-RSA-AES256-SHA384"];

test("control: this client can speak TLS 1.0 and the weak ciphers to a server that allows them", async () => {
  const key = await fs.readFile(ca.key);
  const cert = await fs.readFile(ca.cert);
  const server = tls.createServer({ key, cert, minVersion: "TLSv1", ciphers: "ALL@SECLEVEL=0" }, (s) => s.end());
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    const r = await handshake((server.address() as { port: number }).port, { minVersion: "TLSv1", maxVersion: "TLSv1", ...legacy });
    expect(r).toMatchObject({ ok: true, protocol: "TLSv1" });
    for (const cipher of WEAK_CIPHERS) {
      const w = await handshake((server.address() as { port: number }).port, { minVersion: "TLSv1.2", maxVersion: "TLSv1.2", ciphers: `${cipher}@SECLEVEL=0` });
      expect(w, cipher).toMatchObject({ ok: true, cipher });
    }
  } finally {
    server.close();
  }
});

test("TLS 1.2 and 1.3 are accepted, with forward-secret ciphers and HTTP/2 offered", async () => {
  const t12 = await handshake(httpsPort, { minVersion: "TLSv1.2", maxVersion: "TLSv1.2", ALPNProtocols: ["h2", "http/1.1"] });
  expect(t12).toMatchObject({ ok: true, protocol: "TLSv1.2", alpn: "h2" });
  expect(t12.ok && t12.cipher).toMatch(/^ECDHE-/);
  const t13 = await handshake(httpsPort, { minVersion: "TLSv1.3", maxVersion: "TLSv1.3", ALPNProtocols: ["h2", "http/1.1"] });
  expect(t13).toMatchObject({ ok: true, protocol: "TLSv1.3", alpn: "h2" });
});

/** `openssl s_client` offering only the given key-exchange groups; returns what it printed and whether the handshake completed. */
function sClient(port: number, groups: string, version: "-tls1_2" | "-tls1_3"): { ok: boolean; out: string } {
  const r = spawnSync("openssl", ["s_client", "-connect", `127.0.0.1:${port}`, "-servername", "localhost", "-CAfile", ca.caCert, version, "-groups", groups, "-brief"], {
    input: "Q\n",
    encoding: "utf8",
    timeout: 30_000,
  });
  const out = `${r.stdout}${r.stderr}`;
  return { ok: r.status === 0 && /Verification: OK/.test(out), out };
}

test("a client that offers only P-256 (prime256v1) completes the handshake, on TLS 1.2 and 1.3 (Mozilla intermediate)", async () => {
  for (const v of ["-tls1_2", "-tls1_3"] as const) {
    const p256 = sClient(httpsPort, "prime256v1", v);
    expect(p256.ok, `${v} P-256 only:\n${p256.out}`).toBe(true);
    expect(p256.out).toMatch(/(Server Temp Key|Peer Temp Key|Negotiated TLS1\.3 group): (ECDH, )?(prime256v1|P-256|secp256r1)/);
    expect(sClient(httpsPort, "X25519", v).ok, `${v} X25519`).toBe(true);
  }
  // and a group outside the profile is refused, so the test sees nginx's list, not "anything goes"
  expect(sClient(httpsPort, "ffdhe2048", "-tls1_3").ok, "ffdhe2048 only").toBe(false);
});

test("static-RSA (not forward-secret) and CBC ciphers are refused on TLS 1.2", async () => {
  for (const cipher of WEAK_CIPHERS) {
    const r = await handshake(httpsPort, { minVersion: "TLSv1.2", maxVersion: "TLSv1.2", ciphers: `${cipher}@SECLEVEL=0` });
    expect(r.ok, `${cipher} must be refused`).toBe(false);
  }
});

test("HTTPS serves the site with HSTS (preload) and the security headers", async () => {
  const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
    https.get({ host: "127.0.0.1", port: httpsPort, path: "/technik/", servername: "localhost", ca: [ca.caPem] }, resolve).on("error", reject),
  );
  res.resume();
  expect(res.statusCode).toBe(200);
  expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains; preload");
  expect(res.headers["content-security-policy"]).toContain("connect-src 'self' wss://");
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
});
