import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHostMeta, findEndpoint, usableWebsocket } from "./endpoint.ts";
import { VerifyError } from "./session.ts";

const JRD = JSON.stringify({
  links: [
    { rel: "urn:xmpp:alt-connections:xbosh", href: "https://example.org/http-bind" },
    { rel: "urn:xmpp:alt-connections:websocket", href: "wss://example.org/xmpp-websocket" },
  ],
});
const XRD = `<?xml version="1.0"?><XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Link rel="urn:xmpp:alt-connections:websocket" href="wss://example.org/ws"/></XRD>`;

test("host-meta (JRD and XRD): the WebSocket and BOSH links", () => {
  assert.deepEqual(parseHostMeta(JRD, "https://example.org/.well-known/host-meta.json"), {
    websocket: "wss://example.org/xmpp-websocket",
    hostMeta: "https://example.org/.well-known/host-meta.json",
    bosh: "https://example.org/http-bind",
  });
  assert.equal(parseHostMeta(XRD, "public/.well-known/host-meta").websocket, "wss://example.org/ws");
});

test("host-meta without a WebSocket link, with only ws:// elsewhere than loopback, or not a host-meta: one line each", () => {
  assert.throws(() => parseHostMeta(`{"links":[]}`, "hm"), { message: 'hm has no WebSocket link (rel="urn:xmpp:alt-connections:websocket")' });
  assert.throws(() => parseHostMeta(JSON.stringify({ links: [{ rel: "urn:xmpp:alt-connections:websocket", href: "ws://example.org/ws" }] }), "hm"), {
    message: "hm has no usable WebSocket link: ws://example.org/ws (only wss://, or ws:// on 127.0.0.1)",
  });
  assert.throws(() => parseHostMeta("<html/>", "hm"), { message: "hm is not a host-meta (XRD or JRD): root element is <html>, not <XRD>" });
});

test("ws:// only on loopback", () => {
  assert.equal(usableWebsocket("ws://127.0.0.1:5280/xmpp-websocket"), "ws://127.0.0.1:5280/xmpp-websocket");
  assert.equal(usableWebsocket("ws://example.org/xmpp-websocket"), undefined);
});

test("where the host-meta comes from: --websocket, --host-meta, the built site, then the domain", async () => {
  const asked: string[] = [];
  const reader = (have: Record<string, string>) => async (w: string) => (asked.push(w), have[w]);
  assert.deepEqual(await findEndpoint({ domain: "example.org", websocket: "wss://x.example/ws" }, reader({})), { websocket: "wss://x.example/ws" });
  assert.equal((await findEndpoint({ domain: "example.org", siteDir: "/site/" }, reader({ "/site/.well-known/host-meta": XRD }))).websocket, "wss://example.org/ws");
  assert.deepEqual(asked, ["/site/.well-known/host-meta.json", "/site/.well-known/host-meta"]);
  assert.equal((await findEndpoint({ domain: "example.org" }, reader({ "https://example.org/.well-known/host-meta.json": JRD }))).bosh, "https://example.org/http-bind");
  await assert.rejects(findEndpoint({ domain: "example.org" }, reader({})), { message: "no host-meta at https://example.org/.well-known/host-meta.json or https://example.org/.well-known/host-meta" });
  await assert.rejects(findEndpoint({ domain: "example.org", websocket: "ws://example.org/ws" }, reader({})), VerifyError);
});
