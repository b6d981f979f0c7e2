import { test } from "node:test";
import assert from "node:assert/strict";
import { Session } from "../xmpp/session.ts";
import { ConnectionError, StreamError } from "../xmpp/errors.ts";
import { serialize, child, text, type XEl } from "../xmpp/xml.ts";
import { FakeSocket, manualTimer, server, OPEN, FEATURES_OPEN, FEATURES_CLOSED, ERR, STREAM_ERR } from "../xmpp/fake-server.ts";
import { runRegistration, register, checkInvite } from "./flow.ts";

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
  const ok = server({
    preauth: (t, id) => (tokens.push(t), `<iq xmlns='jabber:client' type='result' id='${id}'/>`),
    register: (_s, id) => ((registered = true), `<iq xmlns='jabber:client' type='result' id='${id}'/>`),
  });
  const s1 = await Session.open("ws://x", "d", { socket: ok.factory });
  assert.equal((await runRegistration(s1, { domain: "d", username: "a", password: "secret123", token: "TOKEN123" })).kind, "registered");
  assert.deepEqual(tokens, ["TOKEN123"]);
  assert.ok(registered);

  registered = false;
  const used = server({
    preauth: (_t, id) => ERR(id, "forbidden", "The invite token is invalid or expired"),
    register: (_s, id) => ((registered = true), `<iq xmlns='jabber:client' type='result' id='${id}'/>`),
  });
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

test("the connection dropping: the page says the server cannot be reached", async () => {
  const t = manualTimer();
  let sock: FakeSocket | undefined;
  const quietAfterOpen = () => (sock = new FakeSocket((f) => (f.name === "open" ? [OPEN, FEATURES_OPEN] : [])));
  const s2 = await Session.open("ws://x", "d", { socket: quietAfterOpen, timer: t.timer });
  const pending = runRegistration(s2, { domain: "d", username: "a", password: "secret123" });
  sock?.onclose?.({});
  const dropped = await pending;
  assert.equal(dropped.kind === "failed" && `${dropped.key} ${dropped.condition} ${dropped.step}`, "errUnreachable closed query");
  const out = await runRegistration(s2, { domain: "d", username: "a", password: "secret123" });
  assert.equal(out.kind === "failed" && out.key, "errUnreachable");
});

test("a stream error: the page says the server cannot be reached, the outcome keeps the condition", async () => {
  const ending = () => new FakeSocket((f) => (f.name === "open" ? [OPEN, FEATURES_OPEN] : [STREAM_ERR("policy-violation")]));
  const out = await runRegistration(await Session.open("ws://x", "d", { socket: ending }), { domain: "d", username: "a", password: "secret123" });
  assert.deepEqual(out, { kind: "failed", key: "errUnreachable", condition: "policy-violation", serverText: "", step: "query" });
});

test("register: opens, registers, closes; a failed connect is the 'connect' step", async () => {
  const srv = server({});
  const out = await register(() => Session.open("ws://x", "d", { socket: srv.factory }), { domain: "d", username: "a", password: "secret123" });
  assert.equal(out.kind, "registered");
  assert.ok(srv.socket().closed);
  const refused = await register(() => Promise.reject(new StreamError({ condition: "host-unknown", text: "" })), { domain: "d", username: "a", password: "x" });
  assert.deepEqual(refused, { kind: "failed", key: "errUnreachable", condition: "host-unknown", serverText: "", step: "connect" });
  const nowhere = await register(() => Promise.reject(new ConnectionError("discovery", "no websocket endpoint")), { domain: "d", username: "a", password: "x" });
  assert.equal(nowhere.kind === "failed" && `${nowhere.key} ${nowhere.condition}`, "errUnreachable discovery");
});

test("a bug is not an answer of the server: it is thrown on, and the session is closed", async () => {
  const srv = server({});
  const broken = async () => {
    const s = await Session.open("ws://x", "d", { socket: srv.factory });
    return { features: s.features, set: (p: XEl) => s.set(p), get: () => Promise.reject(new TypeError("x is undefined")), close: () => s.close() };
  };
  await assert.rejects(register(broken, { domain: "d", username: "a", password: "secret123" }), TypeError);
  assert.ok(srv.socket().closed);
  await assert.rejects(
    register(() => Promise.reject(new TypeError("no WebSocket")), { domain: "d", username: "a", password: "x" }),
    TypeError,
  );
  await assert.rejects(checkInvite({ set: () => Promise.reject(new RangeError("bug")) }, "TOKEN123"), RangeError);
});

test("checking an invitation: accepted → null, refused → errInviteInvalid, no answer → null", async () => {
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
