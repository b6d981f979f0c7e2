// nginx's limits in front of Prosody ([params.deploy.limits] -> limit_conn, limit_req, proxy_read_timeout
// on /xmpp-websocket and /http-bind), against a real Prosody, with small limits from a config override.
// Clients are Node sockets bound to loopback addresses 127.0.0.5, .6, … (Linux routes all of 127/8 to lo),
// so that nginx (on 127.0.0.1) counts them as different visitors.
import { test, expect } from "@playwright/test";
import { promises as fs } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import WS from "ws";
import { configFile } from "../scripts/config/paths.ts";
import { serveWithNginx, type SiteNginx } from "../scripts/harness/site-nginx.ts";
import { freePort } from "../scripts/harness/ports.ts";
import { startProsody, type RunningProsody } from "./support/prosody.ts";
import { registerFrom } from "./support/register-from.ts";
import { domain, uniqueName } from "./support/signup.ts";
import { e2eSite } from "./support/global-setup.ts";

test.describe.configure({ mode: "serial" });

let prosody: RunningProsody;
let tmp: string;
const running: SiteNginx[] = [];

test.beforeAll(async () => {
  prosody = await startProsody({ domain: domain() });
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-limits-"));
});

test.afterAll(async () => {
  for (const n of running) await n.stop();
  await prosody?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

/** The e2e site behind its own nginx, with these [params.deploy.limits]. */
async function siteWithLimits(limits: Record<string, number>): Promise<{ port: number; nginx: SiteNginx }> {
  const port = await freePort();
  const override = path.join(tmp, `limits-${port}.toml`);
  const toml = Object.entries(limits)
    .map(([k, v]) => `${k} = ${v}`)
    .join("\n");
  await fs.writeFile(override, `[params.xmpp]\nwebsocket = "ws://127.0.0.1:${port}/xmpp-websocket"\nbosh = "http://127.0.0.1:${port}/http-bind"\n[params.deploy.limits]\n${toml}\n`);
  const nginx = await serveWithNginx({ port, root: e2eSite().siteDir, prosody: prosody.http, configFiles: [configFile, override] });
  running.push(nginx);
  return { port, nginx };
}

const errorLog = (n: SiteNginx) => fs.readFile(path.join(n.dir, "error.log"), "utf8");

type Sock = InstanceType<typeof WS>;
type Opened = { ok: true; ws: Sock } | { ok: false; status: number };

/** A WebSocket to /xmpp-websocket from `localAddress`: open (101), or the status nginx refused it with. */
function openSocket(port: number, localAddress: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WS(`ws://127.0.0.1:${port}/xmpp-websocket`, "xmpp", { localAddress });
    ws.onopen = () => resolve({ ok: true, ws });
    (ws as unknown as { on(e: "unexpected-response", f: (req: unknown, res: http.IncomingMessage) => void): void }).on("unexpected-response", (_req, res) => {
      res.resume();
      resolve({ ok: false, status: res.statusCode ?? 0 });
    });
    ws.onerror = (e) => reject(new Error(`websocket from ${localAddress}: ${(e as unknown as { message?: string }).message ?? "error"}`));
  });
}

/** A plain HTTP request from `localAddress`; resolves with the status and body. */
function request(port: number, localAddress: string, p: string, method = "GET"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: p, method, localAddress, headers: { "content-type": "text/xml; charset=utf-8" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? `<body rid="1" xmlns="http://jabber.org/protocol/httpbind" to="${domain()}" wait="60" hold="1" ver="1.6"/>` : undefined);
  });
}

test("more connections than allowed from one address: the extras get 429, the site and other addresses still work", async () => {
  const { port, nginx } = await siteWithLimits({ connections: 2, requestsPerMinute: 6000, burst: 100 });
  const held: Sock[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const o = await openSocket(port, "127.0.0.5");
      expect(o.ok, `connection ${i + 1} of 2`).toBe(true);
      if (o.ok) held.push(o.ws);
    }
    expect(await openSocket(port, "127.0.0.5"), "a third WebSocket from the same address").toEqual({ ok: false, status: 429 });
    expect((await request(port, "127.0.0.5", "/http-bind", "POST")).status, "BOSH counts against the same limit").toBe(429);
    // pages are not limited, for this address either
    const home = await request(port, "127.0.0.5", "/");
    expect(home.status).toBe(200);
    expect(home.body).toContain("<html");
    // another address: its own connections, and a whole registration with Prosody
    expect(await registerFrom(`ws://127.0.0.1:${port}/xmpp-websocket`, domain(), { localAddress: "127.0.0.6" }, uniqueName("other"), "long enough 123")).toMatchObject({ kind: "registered" });
    const bosh = await request(port, "127.0.0.6", "/http-bind", "POST");
    expect(bosh.status).toBe(200);
    expect(bosh.body).toContain("http://jabber.org/protocol/httpbind");
    expect(await errorLog(nginx), "nginx says which limit refused whom").toMatch(/limiting connections by zone "broccoli_xmpp_conn", client: 127\.0\.0\.5/);
    // a closed connection frees its place (nginx counts it down once the proxied connection has ended)
    held.pop()?.close();
    await expect
      .poll(async () => {
        const o = await openSocket(port, "127.0.0.5");
        if (o.ok) held.push(o.ws);
        return o.ok;
      })
      .toBe(true);
  } finally {
    for (const ws of held) ws.close();
  }
});

test("requests faster than the rate from one address: those above the burst get 429; other addresses are not affected", async () => {
  // 1 a minute with a burst of 3: the first request and 3 more pass, then nothing for a minute
  const { port, nginx } = await siteWithLimits({ connections: 100, requestsPerMinute: 1, burst: 3 });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await request(port, "127.0.0.7", "/http-bind", "POST")).status);
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  expect((await request(port, "127.0.0.7", "/en/")).status, "pages are not limited").toBe(200);
  expect((await openSocket(port, "127.0.0.7")).ok, "a WebSocket counts as a request too").toBe(false);
  const other = await openSocket(port, "127.0.0.8");
  expect(other.ok, "another address").toBe(true);
  if (other.ok) other.ws.close();
  expect(await errorLog(nginx)).toMatch(/limiting requests, excess: [\d.]+ by zone "broccoli_xmpp_req", client: 127\.0\.0\.7/);
});

test("an idle proxied connection is closed after idleTimeout seconds without data from Prosody", async () => {
  const { port } = await siteWithLimits({ idleTimeout: 1 });
  const o = await openSocket(port, "127.0.0.9");
  expect(o.ok).toBe(true);
  if (!o.ok) return;
  // nothing is sent, so Prosody has nothing to say: nginx gives up on the upstream and closes (the test's
  // timeout is the bound; with the old 900 s the socket would stay open past it)
  const code = await new Promise<number>((resolve) => (o.ws.onclose = (e: { code: number }) => resolve(e.code)));
  expect(code).toBe(1006);
});
