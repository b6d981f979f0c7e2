import { test } from "node:test";
import assert from "node:assert/strict";
import { websocketFromJrd, websocketFromXrd, acceptableWebsocket, discoverWebsocket } from "./hostmeta.ts";

const base = "https://magicbroccoli.de/.well-known/host-meta.json";

test("reads the websocket link from the JRD", () => {
  const jrd = JSON.stringify({
    links: [
      { rel: "urn:xmpp:alt-connections:xbosh", href: "https://magicbroccoli.de/http-bind" },
      { rel: "urn:xmpp:alt-connections:websocket", href: "wss://magicbroccoli.de/xmpp-websocket" },
    ],
  });
  assert.equal(websocketFromJrd(jrd, base), "wss://magicbroccoli.de/xmpp-websocket");
});

test("reads the websocket link from the XRD", () => {
  const xrd = `<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n  <Link rel="urn:xmpp:alt-connections:xbosh" href="https://magicbroccoli.de/http-bind"/>\n  <Link rel="urn:xmpp:alt-connections:websocket" href="wss://magicbroccoli.de/xmpp-websocket"/>\n</XRD>\n`;
  assert.equal(websocketFromXrd(xrd, base), "wss://magicbroccoli.de/xmpp-websocket");
});

test("plain ws:// only on loopback; other schemes never", () => {
  assert.equal(acceptableWebsocket("ws://127.0.0.1:8080/xmpp-websocket", base), "ws://127.0.0.1:8080/xmpp-websocket");
  assert.equal(acceptableWebsocket("ws://magicbroccoli.de/xmpp-websocket", base), undefined);
  assert.equal(acceptableWebsocket("https://magicbroccoli.de/xmpp-websocket", base), undefined);
  assert.equal(acceptableWebsocket("::::", base), undefined);
});

test("broken or empty documents give no endpoint", () => {
  assert.equal(websocketFromJrd("{", base), undefined);
  assert.equal(websocketFromJrd(JSON.stringify({ links: [{ rel: "urn:xmpp:alt-connections:websocket", href: "ws://evil.example/" }] }), base), undefined);
  assert.equal(websocketFromXrd("<html/>", base), undefined);
  assert.equal(websocketFromXrd("<XRD", base), undefined);
});

test("discovery asks the JSON file first, falls back to the XML file", async () => {
  const asked: string[] = [];
  const ws = await discoverWebsocket("https://magicbroccoli.de/", async (url) => {
    asked.push(url);
    if (url.endsWith(".json")) return { ok: false, text: async () => "" };
    return { ok: true, text: async () => `<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0"><Link rel="urn:xmpp:alt-connections:websocket" href="/xmpp-websocket"/></XRD>` };
  });
  assert.deepEqual(asked, ["https://magicbroccoli.de/.well-known/host-meta.json", "https://magicbroccoli.de/.well-known/host-meta"]);
  assert.equal(ws, undefined, "relative https-less href resolves to https: which is not a websocket URL");
  const none = await discoverWebsocket("https://magicbroccoli.de/", async () => {
    throw new Error("offline");
  });
  assert.equal(none, undefined);
});
