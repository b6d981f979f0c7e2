import { test } from "node:test";
import assert from "node:assert/strict";
import { child, text } from "../xmpp/xml.ts";
import { Session } from "../xmpp/session.ts";
import { ERR, STREAM_ERR, FakeSocket } from "../xmpp/fake-server.ts";
import { accountServer } from "../xmpp/scram-server.node.ts";
import { runAccount } from "./flow.ts";

const D = "magicbroccoli.de";
const opener =
  (factory: () => import("../xmpp/session.ts").SocketLike, plainAllowed = false) =>
  async () => ({ session: await Session.open("ws://x", D, { socket: factory }), plainAllowed });

test("change: logs in with SCRAM, sends the XEP-0077 change for its own name, closes the session", async () => {
  const seen: string[] = [];
  const srv = accountServer({
    username: "anna",
    password: "old pw",
    mechanisms: ["SCRAM-SHA-1", "SCRAM-SHA-256"],
    iq: (iq, id) => {
      const q = child(iq, "query", "jabber:iq:register");
      seen.push(`${text(child(q, "username"))}:${text(child(q, "password"))}`);
      return [`<iq xmlns='jabber:client' type='result' id='${id}'/>`];
    },
  });
  const sessions: Array<unknown> = [];
  const o = await runAccount(opener(srv.factory), { domain: D, username: "anna", password: "old pw", action: { kind: "change", newPassword: "new pw 123" } }, (s) => sessions.push(s));
  assert.deepEqual(o, { kind: "done", jid: "anna@magicbroccoli.de", mechanism: "SCRAM-SHA-256" });
  assert.deepEqual(seen, ["anna:new pw 123"]);
  assert.equal(srv.socket().closed, true);
  assert.equal(sessions.length, 2);
  assert.equal(sessions[1], undefined);
});

test("delete: sends <remove/>", async () => {
  const seen: boolean[] = [];
  const srv = accountServer({
    username: "anna",
    password: "pw",
    mechanisms: ["SCRAM-SHA-1"],
    iq: (iq, id) => (seen.push(Boolean(child(child(iq, "query"), "remove"))), [`<iq xmlns='jabber:client' type='result' id='${id}'/>`]),
  });
  assert.equal((await runAccount(opener(srv.factory), { domain: D, username: "anna", password: "pw", action: { kind: "delete" } })).kind, "done");
  assert.deepEqual(seen, [true]);
});

test("failures keep their condition and step: wrong password, refused change, throttled, stream error, unreachable", async () => {
  const req = { domain: D, username: "anna", password: "pw", action: { kind: "change" as const, newPassword: "x".repeat(10) } };
  const wrong = await runAccount(opener(accountServer({ username: "anna", password: "other", mechanisms: ["SCRAM-SHA-1"] }).factory), req);
  assert.deepEqual(wrong, { kind: "failed", key: "errNotAuthorized", condition: "not-authorized", step: "login" });

  const refused = await runAccount(opener(accountServer({ username: "anna", password: "pw", mechanisms: ["SCRAM-SHA-1"], iq: (_i, id) => [ERR(id, "not-allowed")] }).factory), req);
  assert.deepEqual(refused, { kind: "failed", key: "errNotAllowed", condition: "not-allowed", step: "change" });

  const throttled = await runAccount(
    opener(accountServer({ username: "anna", password: "pw", mechanisms: ["SCRAM-SHA-1"], iq: (_i, id) => [ERR(id, "policy-violation", "Slow down", "wait")] }).factory),
    req,
  );
  assert.deepEqual(throttled, { kind: "failed", key: "errThrottled", condition: "policy-violation", step: "change" });

  const ended = await runAccount(opener(accountServer({ username: "anna", password: "pw", mechanisms: ["SCRAM-SHA-1"], iq: () => [STREAM_ERR("resource-constraint")] }).factory), req);
  assert.deepEqual(ended, { kind: "failed", key: "errResource", condition: "resource-constraint", step: "change" });

  const failing = () => {
    const s = new FakeSocket(() => []);
    s.onopen = null;
    queueMicrotask(() => s.onerror?.({}));
    return s;
  };
  assert.deepEqual(await runAccount(opener(failing), req), { kind: "failed", key: "errUnreachable", condition: "unreachable", step: "connect" });

  const noMech = await runAccount(opener(accountServer({ username: "anna", password: "pw", mechanisms: ["PLAIN"] }).factory, false), req);
  assert.deepEqual(noMech, { kind: "failed", key: "errNoMechanism", condition: "no-mechanism", step: "login" });
  const plain = await runAccount(opener(accountServer({ username: "anna", password: "pw", mechanisms: ["PLAIN"] }).factory, true), req);
  assert.deepEqual(plain, { kind: "done", jid: "anna@magicbroccoli.de", mechanism: "PLAIN" });
});

test("a bug (not the server, not the network) is thrown on", async () => {
  await assert.rejects(
    runAccount(() => Promise.reject(new TypeError("bug")), { domain: D, username: "a", password: "p", action: { kind: "delete" } }),
    (e: unknown) => e instanceof TypeError,
  );
});
