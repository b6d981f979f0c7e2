import { test } from "node:test";
import assert from "node:assert/strict";
import { connectError } from "./session.ts";

const url = "wss://example.org/xmpp-websocket";

test("connection errors become one line: refused login, unreachable, HTTP instead of WebSocket, timeout", () => {
  assert.equal(
    connectError(Object.assign(new Error("not-authorized"), { name: "SASLError", condition: "not-authorized" }), url, "me@example.org").message,
    "login as me@example.org refused: not-authorized (wrong password or no such account)",
  );
  assert.equal(connectError({ message: "connect ECONNREFUSED 127.0.0.1:1" }, url, "me@example.org").message, `cannot reach the server at ${url}: connection refused`);
  assert.equal(connectError({ message: "getaddrinfo ENOTFOUND example.org" }, url, "me@example.org").message, `cannot reach the server at ${url}: ENOTFOUND`);
  assert.equal(connectError({ message: "Unexpected server response: 404" }, url, "me@example.org").message, `cannot reach the server at ${url}: HTTP 404 instead of a WebSocket`);
  assert.equal(connectError({ name: "TimeoutError", message: "20 s" }, url, "me@example.org").message, `no answer from ${url} in time (20 s)`);
  assert.equal(connectError(new Error("odd\nsecond line"), url, "me@example.org").message, `connecting to ${url} as me@example.org failed: odd`);
});
