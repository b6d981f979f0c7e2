// The built e2e site served by a second nginx whose /xmpp-websocket leads to another (real) Prosody:
// for the specs that need a server configured differently (registration closed, throttled, stopped,
// expired invitations). The page finds that nginx's websocket through its own host-meta, which the
// spec routes (routeHostMeta) because the built files name the main nginx.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { configFile } from "../../scripts/config/paths.ts";
import { freePort } from "../../scripts/harness/ports.ts";
import { serveWithNginx } from "../../scripts/harness/site-nginx.ts";
import { REL_WEBSOCKET } from "../../themes/broccoli/assets/ts/xmpp/names.ts";

export interface AltSite {
  baseURL: string;
  websocketURL: string;
  stop(): Promise<void>;
}

/** prosody: host:port of a Prosody HTTP listener (running or stopped). */
export async function serveSiteWith(prosody: string): Promise<AltSite> {
  const root = process.env.E2E_SITE_DIR;
  if (!root) throw new Error("E2E_SITE_DIR is not set: run through playwright.config.ts (global setup)");
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}/`;
  const websocketURL = `ws://127.0.0.1:${port}/xmpp-websocket`;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-alt-"));
  const override = path.join(dir, "config.toml");
  // the CSP's connect-src names this nginx's own websocket
  await fs.writeFile(override, `[params.xmpp]\nwebsocket = "${websocketURL}"\nbosh = "http://127.0.0.1:${port}/http-bind"\n`);
  const nginx = await serveWithNginx({ port, root, prosody, configFiles: [configFile, override] });
  return {
    baseURL,
    websocketURL,
    async stop() {
      await nginx.stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Answers the page's XEP-0156 look-ups with the given websocket endpoint. */
export async function routeHostMeta(page: Page, websocketURL: string): Promise<void> {
  await page.route("**/.well-known/host-meta.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify({ links: [{ rel: REL_WEBSOCKET, href: websocketURL }] }) }));
  await page.route("**/.well-known/host-meta", (route) =>
    route.fulfill({ contentType: "application/xrd+xml", body: `<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Link rel="${REL_WEBSOCKET}" href="${websocketURL}"/></XRD>` }),
  );
}
