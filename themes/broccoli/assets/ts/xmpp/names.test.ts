import { test } from "node:test";
import assert from "node:assert/strict";
import { isLoopbackHost, REL_WEBSOCKET, REL_BOSH } from "./names.ts";

test("loopback hosts, as URL.hostname writes them and bare", () => {
  for (const h of ["127.0.0.1", "localhost", "LOCALHOST", "[::1]", "::1", new URL("ws://[::1]:5280/").hostname]) assert.equal(isLoopbackHost(h), true, h);
  for (const h of ["127.0.0.2.example.org", "example.org", "localhost.example.org", "10.0.0.1", ""]) assert.equal(isLoopbackHost(h), false, h);
});

test("the XEP-0156 relations", () => {
  assert.equal(REL_WEBSOCKET, "urn:xmpp:alt-connections:websocket");
  assert.equal(REL_BOSH, "urn:xmpp:alt-connections:xbosh");
});
