// Registration throttling counts per visitor, not per proxy: nginx tells Prosody the client's address
// (X-Forwarded-For, trusted because nginx connects from loopback, Prosody's default trusted_proxies),
// and a client cannot choose that address by sending the header itself.
// The clients are Node processes bound to 127.0.0.5 / .6 / .7 (a browser cannot pick its source
// address), registering with the theme's own registration code through the site's nginx on 127.0.0.1,
// against a real Prosody that allows one registration per address per hour.
import { test, expect } from "@playwright/test";
import { startProsody, type RunningProsody } from "./support/prosody.ts";
import { serveWithNginx, type SiteNginx } from "../scripts/harness/site-nginx.ts";
import { freePort } from "../scripts/harness/ports.ts";
import { login } from "./support/xmpp.ts";
import { registerFrom, type From } from "./support/register-from.ts";
import { domain, uniqueName } from "./support/signup.ts";
import { e2eSite } from "./support/global-setup.ts";

test.describe.configure({ mode: "serial" });

let prosody: RunningProsody;
let nginx: SiteNginx;
let websocket: string;

test.beforeAll(async () => {
  prosody = await startProsody({ domain: domain(), throttle: { max: 1, periodSeconds: 3600 }, logLevel: "debug" });
  const port = await freePort();
  nginx = await serveWithNginx({ port, root: e2eSite().siteDir, prosody: prosody.http });
  websocket = `ws://127.0.0.1:${port}/xmpp-websocket`;
});

test.afterAll(async () => {
  await nginx?.stop();
  await prosody?.stop();
});

const PASSWORD = "long enough 123";

async function expectRegistered(from: From, name: string): Promise<void> {
  const r = await registerFrom(websocket, domain(), from, name, PASSWORD);
  expect(r, `${name} from ${from.localAddress}`).toMatchObject({ kind: "registered", jid: `${name}@${domain()}` });
  await expect(login(prosody.websocketURL, domain(), name, PASSWORD)).resolves.toMatchObject({ mechanism: "SCRAM-SHA-1" });
}

async function expectThrottled(from: From, name: string): Promise<void> {
  const r = await registerFrom(websocket, domain(), from, name, PASSWORD);
  expect(r, `${name} from ${from.localAddress} ${JSON.stringify(from.headers ?? {})}`).toMatchObject({
    kind: "failed",
    key: "errTooMany",
    condition: "policy-violation",
    serverText: "Too many registrations from this IP address recently",
  });
  await expect(login(prosody.websocketURL, domain(), name, PASSWORD)).rejects.toThrow(/not-authorized/);
}

test("each client address gets its own registration; the second from the same address is throttled", async () => {
  const five = { localAddress: "127.0.0.5" };
  const six = { localAddress: "127.0.0.6" };
  await expectRegistered(five, uniqueName("five"));
  // without the client's address from nginx, Prosody would count this one against 127.0.0.1 as well
  await expectRegistered(six, uniqueName("six"));
  await expectThrottled(five, uniqueName("fiveagain"));
  await expectThrottled(six, uniqueName("sixagain"));
  expect(await prosody.log()).toMatch(/over limit for ip 127\.0\.0\.5/);
});

test("a forged X-Forwarded-For does not give a client a fresh counter", async () => {
  const seven = { localAddress: "127.0.0.7" };
  await expectRegistered(seven, uniqueName("seven"));
  for (const forged of ["203.0.113.9", "203.0.113.10, 198.51.100.4", "127.0.0.1"]) {
    await expectThrottled({ ...seven, headers: { "X-Forwarded-For": forged } }, uniqueName("forged"));
  }
  expect(await prosody.log()).not.toMatch(/203\.0\.113\.|198\.51\.100\./);
});
