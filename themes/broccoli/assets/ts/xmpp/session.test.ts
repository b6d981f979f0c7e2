import { test } from "node:test";
import assert from "node:assert/strict";
import { Session, ConnectionError, IqError, type SocketLike, type Timer } from "./session.ts";
import { runRegistration } from "./flow.ts";
import { parse, serialize, child, el, text, type XEl } from "./xml.ts";
import { iq } from "./framing.ts";

const OPEN = "<open from='magicbroccoli.de' xml:lang='en' version='1.0' xmlns='urn:ietf:params:xml:ns:xmpp-framing' id='s1'/>";
const FEATURES_OPEN =
  "<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><register xmlns='urn:xmpp:ibr-token:0'/><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>SCRAM-SHA-1</mechanism></mechanisms><register xmlns='http://jabber.org/features/iq-register'/></stream:features>";
const FEATURES_CLOSED = "<stream:features xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/></stream:features>";
const QUERY_RESULT = (id: string) =>
  `<iq xmlns='jabber:client' type='result' id='${id}'><query xmlns='jabber:iq:register'><instructions>Choose a username and password.</instructions><username/><password/><x xmlns='jabber:x:data' type='form'><field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field><field type='text-single' var='username'><required/></field><field type='text-private' var='password'><required/></field></x></query></iq>`;
const ERR = (id: string, cond: string, t = "", type = "cancel") =>
  `<iq xmlns='jabber:client' type='error' id='${id}'><error type='${type}'><${cond} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>${t ? `<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>${t}</text>` : ""}</error></iq>`;

/** A scripted stand-in for the server side of the socket: answers each frame the page sends. */
class FakeSocket implements SocketLike {
  sent: string[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  constructor(readonly answer: (frame: XEl) => string[]) {
    queueMicrotask(() => this.onopen?.({}));
  }
  send(data: string) {
    this.sent.push(data);
    const replies = this.answer(parse(data));
    queueMicrotask(() => replies.forEach((r) => this.onmessage?.({ data: r })));
  }
  close() {
    this.closed = true;
  }
}

/** A timer that fires only when the test says so. */
function manualTimer() {
  const timers = new Set<() => void>();
  const timer: Timer = (fn) => {
    timers.add(fn);
    return () => timers.delete(fn);
  };
  return { timer, fireAll: () => [...timers].forEach((f) => f()), count: () => timers.size };
}

interface ServerScript {
  features?: string;
  register?: (set: XEl, id: string) => string;
  preauth?: (token: string, id: string) => string;
  query?: (id: string) => string;
}

function server(script: ServerScript, log: string[] = []) {
  let sock: FakeSocket | undefined;
  const factory = (url: string, proto: string) => {
    log.push(`connect ${url} ${proto}`);
    sock = new FakeSocket((f) => {
      if (f.name === "open") return [OPEN, script.features ?? FEATURES_OPEN];
      if (f.name !== "iq") return [];
      const id = f.attrs.id ?? "";
      const pre = child(f, "preauth", "urn:xmpp:pars:0");
      if (pre) return [script.preauth ? script.preauth(pre.attrs.token ?? "", id) : `<iq xmlns='jabber:client' type='result' id='${id}'/>`];
      if (f.attrs.type === "get") return [script.query ? script.query(id) : QUERY_RESULT(id)];
      return [script.register ? script.register(f, id) : `<iq xmlns='jabber:client' type='result' id='${id}'/>`];
    });
    return sock;
  };
  return { factory, socket: () => sock as FakeSocket };
}

test("opens the stream with the domain over the xmpp subprotocol and registers with the form", async () => {
  const log: string[] = [];
  let submitted = "";
  const srv = server({ register: (set, id) => ((submitted = serialize(set)), `<iq xmlns='jabber:client' type='result' id='${id}'/>`) }, log);
  const s = await Session.open("ws://127.0.0.1:1/xmpp-websocket", "magicbroccoli.de", { socket: srv.factory });
  assert.deepEqual(log, ["connect ws://127.0.0.1:1/xmpp-websocket xmpp"]);
  assert.equal(srv.socket().sent[0], `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="magicbroccoli.de" version="1.0"/>`);
  const out = await runRegistration(s, { domain: "magicbroccoli.de", username: "anna", password: "secret123" });
  assert.deepEqual(out, { kind: "registered", jid: "anna@magicbroccoli.de", instructions: "Choose a username and password." });
  assert.match(submitted, /<field var="username"><value>anna<\/value><\/field><field var="password"><value>secret123<\/value><\/field>/);
  s.close();
  assert.equal(srv.socket().sent.at(-1), `<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
  assert.ok(srv.socket().closed);
});

test("a taken name: conflict, with the server's text", async () => {
  const srv = server({ register: (_s, id) => ERR(id, "conflict", "The requested username already exists.") });
  const s = await Session.open("ws://x", "magicbroccoli.de", { socket: srv.factory });
  const out = await runRegistration(s, { domain: "magicbroccoli.de", username: "anna", password: "secret123" });
  assert.deepEqual(out, { kind: "failed", key: "errConflict", condition: "conflict", serverText: "The requested username already exists.", step: "submit" });
});

test("registration switched off: no feature, service-unavailable → closed", async () => {
  const srv = server({ features: FEATURES_CLOSED, query: (id) => ERR(id, "service-unavailable") });
  const s = await Session.open("ws://x", "magicbroccoli.de", { socket: srv.factory });
  const out = await runRegistration(s, { domain: "magicbroccoli.de", username: "anna", password: "secret123" });
  assert.equal(out.kind === "failed" && out.key, "errClosed");
});

test("throttled: policy-violation → too many", async () => {
  const srv = server({ register: (_s, id) => ERR(id, "policy-violation", "Too many registrations from this IP address recently", "wait") });
  const s = await Session.open("ws://x", "d", { socket: srv.factory });
  const out = await runRegistration(s, { domain: "d", username: "a", password: "secret123" });
  assert.equal(out.kind === "failed" && out.key, "errTooMany");
  // the same condition for a connection Prosody does not consider encrypted
  const insecure = server({ register: (_s, id) => ERR(id, "policy-violation", "Encryption is required", "modify") });
  const out2 = await runRegistration(await Session.open("ws://x", "d", { socket: insecure.factory }), { domain: "d", username: "a", password: "secret123" });
  assert.equal(out2.kind === "failed" && out2.key, "errUnavailable");
});

test("an invitation: preauth first, with the token; a refused token stops before registering", async () => {
  const tokens: string[] = [];
  let registered = false;
  const ok = server({ preauth: (t, id) => (tokens.push(t), `<iq xmlns='jabber:client' type='result' id='${id}'/>`), register: (_s, id) => ((registered = true), `<iq xmlns='jabber:client' type='result' id='${id}'/>`) });
  const s1 = await Session.open("ws://x", "d", { socket: ok.factory });
  assert.equal((await runRegistration(s1, { domain: "d", username: "a", password: "secret123", token: "TOKEN123" })).kind, "registered");
  assert.deepEqual(tokens, ["TOKEN123"]);
  assert.ok(registered);

  registered = false;
  const used = server({ preauth: (_t, id) => ERR(id, "forbidden", "The invite token is invalid or expired"), register: (_s, id) => ((registered = true), `<iq xmlns='jabber:client' type='result' id='${id}'/>`) });
  const s2 = await Session.open("ws://x", "d", { socket: used.factory });
  const out = await runRegistration(s2, { domain: "d", username: "a", password: "secret123", token: "USEDTOKEN" });
  assert.equal(out.kind === "failed" && `${out.key} ${out.step}`, "errInviteInvalid preauth");
  assert.equal(registered, false);
});

test("a server that asks for more: the page gets the form, then submits the values", async () => {
  const form = (id: string) =>
    `<iq xmlns='jabber:client' type='result' id='${id}'><query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='form'><instructions>Tell us your email.</instructions><field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field><field var='username' type='text-single'><required/></field><field var='password' type='text-private'><required/></field><field var='email' type='text-single' label='Email'><required/></field></x></query></iq>`;
  let submitted: XEl | undefined;
  const srv = server({ query: form, register: (set, id) => ((submitted = set), `<iq xmlns='jabber:client' type='result' id='${id}'/>`) });
  const s = await Session.open("ws://x", "d", { socket: srv.factory });
  const first = await runRegistration(s, { domain: "d", username: "a", password: "secret123" });
  assert.equal(first.kind, "more");
  assert.equal(first.kind === "more" && first.instructions, "Tell us your email.");
  assert.equal(submitted, undefined);
  const second = await runRegistration(s, { domain: "d", username: "a", password: "secret123", extra: { email: ["a@example.org"] } });
  assert.equal(second.kind, "registered");
  const x = child(child(submitted, "query"), "x");
  const email = x?.children.find((c) => typeof c !== "string" && c.attrs.var === "email") as XEl | undefined;
  assert.equal(text(email), "a@example.org");
});

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
  const r = s.request(iq("get", "", el("query", { xmlns: "jabber:iq:register" })));
  t.fireAll();
  await assert.rejects(r, (e: unknown) => e instanceof ConnectionError && e.failure === "timeout");

  const s2 = await Session.open("ws://x", "d", { socket: quietAfterOpen, timer: t.timer });
  const r2 = s2.request(iq("get", "", el("query", { xmlns: "jabber:iq:register" })));
  sock?.onclose?.({});
  await assert.rejects(r2, (e: unknown) => e instanceof ConnectionError && e.failure === "closed");
  const out = await runRegistration(s2, { domain: "d", username: "a", password: "secret123" });
  assert.equal(out.kind === "failed" && out.key, "errUnreachable");
});

test("IqError carries the condition", () => {
  assert.equal(new IqError({ condition: "conflict", type: "cancel", text: "" }).error.condition, "conflict");
});

test("checking an invitation: accepted → null, refused → errInviteInvalid, no answer → null", async () => {
  const { checkInvite } = await import("./flow.ts");
  const ok = server({});
  assert.equal(await checkInvite(await Session.open("ws://x", "d", { socket: ok.factory }), "GOODTOKEN"), null);
  assert.match(ok.socket().sent.join(""), /<preauth xmlns="urn:xmpp:pars:0" token="GOODTOKEN"\/>/);
  const used = server({ preauth: (_t, id) => ERR(id, "forbidden", "The invite token is invalid or expired") });
  assert.equal(await checkInvite(await Session.open("ws://x", "d", { socket: used.factory }), "USEDTOKEN"), "errInviteInvalid");
  const t = manualTimer();
  const quiet = () => new FakeSocket((f) => (f.name === "open" ? [OPEN, FEATURES_OPEN] : []));
  const s = await Session.open("ws://x", "d", { socket: quiet, timer: t.timer });
  const r = checkInvite(s, "SLOWTOKEN");
  t.fireAll();
  assert.equal(await r, null);
});
