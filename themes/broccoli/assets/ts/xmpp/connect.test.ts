import { test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "./connect.ts";
import { ConnectionError } from "./errors.ts";
import { server, manualTimer } from "./fake-server.ts";
import { TIMEOUT_MS } from "./session.ts";

const jrd = (href: string) => async () => ({ ok: true, text: async () => JSON.stringify({ links: [{ rel: "urn:xmpp:alt-connections:websocket", href }] }) });

test("connects to the endpoint the site's host-meta names, with the domain and language", async () => {
  const log: string[] = [];
  const srv = server({}, log);
  const s = await connect({ origin: "http://127.0.0.1:8080", domain: "magicbroccoli.de", lang: "de", fetcher: jrd("ws://127.0.0.1:8080/xmpp-websocket"), socket: srv.factory });
  assert.deepEqual(log, ["connect ws://127.0.0.1:8080/xmpp-websocket xmpp"]);
  assert.equal(srv.socket().sent[0], `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="magicbroccoli.de" version="1.0" xml:lang="de"/>`);
  s.close();
});

test("no usable endpoint in host-meta: a 'discovery' failure, and no connection is tried", async () => {
  const log: string[] = [];
  const srv = server({}, log);
  await assert.rejects(
    connect({ origin: "https://magicbroccoli.de", domain: "magicbroccoli.de", fetcher: jrd("ws://magicbroccoli.de/xmpp-websocket"), socket: srv.factory }),
    (e: unknown) => e instanceof ConnectionError && e.failure === "discovery",
  );
  assert.deepEqual(log, []);
});

test("host-meta that never answers: a 'timeout' failure after the session's timeout, the request aborted, no connection tried", async () => {
  const log: string[] = [];
  const srv = server({}, log);
  const t = manualTimer();
  const signals: Array<AbortSignal | undefined> = [];
  const never = (_url: string, signal?: AbortSignal) => {
    signals.push(signal);
    return new Promise<never>(() => {});
  };
  const p = connect({ origin: "https://magicbroccoli.de", domain: "magicbroccoli.de", fetcher: never, socket: srv.factory, timer: t.timer });
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(t.delays(), [TIMEOUT_MS]);
  t.fireAll();
  await assert.rejects(p, (e: unknown) => e instanceof ConnectionError && e.failure === "timeout");
  assert.equal(signals.length, 1);
  assert.equal(signals[0]?.aborted, true);
  assert.deepEqual(log, []);
});
