import { test } from "node:test";
import assert from "node:assert/strict";
import { Session } from "./session.ts";
import { ConnectionError, StanzaError, StreamError } from "./errors.ts";
import { el, serialize, parse } from "./xml.ts";
import { FakeSocket, manualTimer, server, OPEN, FEATURES_OPEN, ERR, STREAM_ERR } from "./fake-server.ts";

test("no answer at all: the connect times out (timer fired by the test)", async () => {
  const t = manualTimer();
  const silent = () => new FakeSocket(() => []);
  const p = Session.open("ws://x", "d", { socket: silent, timer: t.timer, timeoutMs: 1000 });
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(t.count(), 1);
  t.fireAll();
  await assert.rejects(p, (e: unknown) => e instanceof ConnectionError && e.failure === "timeout");
});

test("a refused connection (websocket error) is 'unreachable'", async () => {
  const failing = () => {
    const s = new FakeSocket(() => []);
    s.onopen = null;
    queueMicrotask(() => s.onerror?.({}));
    return s;
  };
  await assert.rejects(Session.open("ws://x", "d", { socket: failing }), (e: unknown) => e instanceof ConnectionError && e.failure === "unreachable");
});

test("an iq without answer times out; the connection dropping fails pending requests", async () => {
  const t = manualTimer();
  let sock: FakeSocket | undefined;
  const quietAfterOpen = () => (sock = new FakeSocket((f) => (f.name === "open" ? [OPEN, FEATURES_OPEN] : [])));
  const s = await Session.open("ws://x", "d", { socket: quietAfterOpen, timer: t.timer });
  const r = s.get(el("query", { xmlns: "jabber:iq:register" }));
  t.fireAll();
  await assert.rejects(r, (e: unknown) => e instanceof ConnectionError && e.failure === "timeout");

  const s2 = await Session.open("ws://x", "d", { socket: quietAfterOpen, timer: t.timer });
  const r2 = s2.get(el("query", { xmlns: "jabber:iq:register" }));
  sock?.onclose?.({});
  await assert.rejects(r2, (e: unknown) => e instanceof ConnectionError && e.failure === "closed");
  await assert.rejects(s2.set(el("query", { xmlns: "jabber:iq:register" })), (e: unknown) => e instanceof ConnectionError && e.failure === "closed");
});

test("get and set: an iq of that type with a fresh id; the result's payload comes back, an error is thrown", async () => {
  const srv = server({ register: (_s, id) => ERR(id, "not-acceptable", "Missing field", "modify") });
  const s = await Session.open("ws://x", "magicbroccoli.de", { socket: srv.factory });
  const query = await s.get(el("query", { xmlns: "jabber:iq:register" }));
  assert.equal(query?.name, "query");
  assert.equal(query?.ns, "jabber:iq:register");
  assert.equal(query?.children.length, 4);
  const empty = await s.set(el("preauth", { xmlns: "urn:xmpp:pars:0", token: "T" }));
  assert.equal(empty, undefined);
  await assert.rejects(s.set(el("query", { xmlns: "jabber:iq:register" })), (e: unknown) => {
    assert.ok(e instanceof StanzaError);
    assert.deepEqual([e.condition, e.type, e.text], ["not-acceptable", "modify", "Missing field"]);
    return true;
  });
  const iqs = srv
    .socket()
    .sent.slice(1)
    .map((x) => parse(x));
  assert.deepEqual(
    iqs.map((x) => `${x.attrs.type} ${x.attrs.id}`),
    ["get iq1", "set iq2", "set iq3"],
  );
  assert.equal(serialize(iqs[1]!), `<iq xmlns="jabber:client" type="set" id="iq2"><preauth xmlns="urn:xmpp:pars:0" token="T"/></iq>`);
  s.close();
});

test("a stream error keeps its condition: before the features and while requests wait", async () => {
  const refusing = () => new FakeSocket((f) => (f.name === "open" ? [OPEN, STREAM_ERR("host-unknown")] : []));
  await assert.rejects(Session.open("ws://x", "nowhere.example", { socket: refusing }), (e: unknown) => e instanceof StreamError && e.condition === "host-unknown");

  const ending = () => new FakeSocket((f) => (f.name === "open" ? [OPEN, FEATURES_OPEN] : [STREAM_ERR("policy-violation")]));
  const s = await Session.open("ws://x", "d", { socket: ending });
  await assert.rejects(s.get(el("query", { xmlns: "jabber:iq:register" })), (e: unknown) => e instanceof StreamError && e.condition === "policy-violation");
  // the session is over: later requests fail at once
  await assert.rejects(s.get(el("query", { xmlns: "jabber:iq:register" })), (e: unknown) => e instanceof ConnectionError && e.failure === "closed");
});

test("a frame the parser refuses ends the stream with the parser's condition, before the features and after", async () => {
  const huge = `<stream:features xmlns:stream='http://etherx.jabber.org/streams'>${"<x/>".repeat(70_000)}</stream:features>`;
  const flooding = () => new FakeSocket((f) => (f.name === "open" ? [OPEN, huge] : []));
  await assert.rejects(Session.open("ws://x", "d", { socket: flooding }), (e: unknown) => e instanceof StreamError && e.condition === "policy-violation");
  // a page that expects bigger frames (a large roster) raises the limit
  const roomy = await Session.open("ws://x", "d", { socket: flooding, limits: { maxChars: 1_000_000, maxDepth: 64 } });
  assert.equal(roomy.features.children.length, 70_000);
  roomy.close();

  const broken = () => new FakeSocket((f) => (f.name === "open" ? [OPEN, FEATURES_OPEN] : ["<iq type='result' id='iq1'><query></iq>"]));
  const s = await Session.open("ws://x", "d", { socket: broken });
  await assert.rejects(s.get(el("query", { xmlns: "jabber:iq:register" })), (e: unknown) => e instanceof StreamError && e.condition === "not-well-formed");
});

test("next/send/restart (SASL): frames other than iq answers reach next(); restart sends a new <open/> and resolves with the new features; an ended stream, a timeout or close() rejects a waiting next()", async () => {
  const sasl = "urn:ietf:params:xml:ns:xmpp-sasl";
  let opens = 0;
  let sock: FakeSocket | undefined;
  const factory = () =>
    (sock = new FakeSocket((f) => {
      if (f.name === "open")
        return (opens += 1) === 1
          ? [OPEN, FEATURES_OPEN]
          : [OPEN, "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"];
      if (f.name === "auth") return [`<message xmlns='jabber:client'/>`, `<success xmlns='${sasl}'/>`];
      return [];
    }));
  const t = manualTimer();
  const s = await Session.open("ws://x", "d", { socket: factory, timer: t.timer });
  const success = s.next((f) => (f.kind === "other" && f.el.name === "success" ? f.el.ns : undefined));
  s.send(el("auth", { xmlns: sasl, mechanism: "PLAIN" }, "AGEAYg=="));
  assert.equal(await success, sasl);
  const features = await s.restart("d", "en");
  assert.equal(features.children.length, 1);
  assert.equal((features.children[0] as { name: string }).name, "bind");
  assert.equal(parse(sock!.sent[2]!).attrs["xml:lang"], "en");

  const waiting = s.next(() => undefined);
  sock?.onmessage?.({ data: STREAM_ERR("conflict") });
  await assert.rejects(waiting, (e: unknown) => e instanceof StreamError && e.condition === "conflict");
  assert.throws(
    () => s.send(el("auth", {})),
    (e: unknown) => e instanceof ConnectionError && e.failure === "closed",
  );

  const s2 = await Session.open("ws://x", "d", { socket: () => new FakeSocket((f) => (f.name === "open" ? [OPEN, FEATURES_OPEN] : [])), timer: t.timer });
  const timedOut = s2.next(() => undefined);
  t.fireAll();
  await assert.rejects(timedOut, (e: unknown) => e instanceof ConnectionError && e.failure === "timeout");

  const s3 = await Session.open("ws://x", "d", { socket: () => new FakeSocket((f) => (f.name === "open" ? [OPEN, FEATURES_OPEN] : [])), timer: t.timer });
  const closed = s3.next(() => undefined);
  s3.close();
  await assert.rejects(closed, (e: unknown) => e instanceof ConnectionError && e.failure === "closed");
});
