import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, serialize } from "./xml.ts";
import { Session } from "./session.ts";
import { login } from "./login.ts";
import { SaslError } from "./sasl.ts";
import { bindRequest, boundJid } from "./bind.ts";
import { changePassword, removeAccount } from "./account.ts";
import { accountServer } from "./scram-server.node.ts";

const open = (factory: () => import("./session.ts").SocketLike) => Session.open("ws://127.0.0.1/xmpp-websocket", "magicbroccoli.de", { socket: factory });

test("login: with SCRAM-SHA-1, SCRAM-SHA-256 and PLAIN offered, SCRAM-SHA-256 is used; the stream restarts and a resource is bound", async () => {
  const log: string[] = [];
  const srv = accountServer({ username: "anna", password: "pencil", mechanisms: ["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"] }, log);
  const s = await open(srv.factory);
  const r = await login(s, { domain: "magicbroccoli.de", username: "anna", password: "pencil", plainAllowed: true });
  assert.deepEqual(r, { jid: "anna@magicbroccoli.de/web1", mechanism: "SCRAM-SHA-256" });
  assert.deepEqual(log, ["auth SCRAM-SHA-256", "bind"]);
  const opens = srv.socket().sent.filter((x) => x.startsWith("<open"));
  assert.equal(opens.length, 2, "a second <open/> after SASL success");
  s.close();
});

test("login: SCRAM-SHA-1 where that is the only SCRAM (Prosody's default); PLAIN refused when not allowed", async () => {
  const log: string[] = [];
  const s = await open(accountServer({ username: "anna", password: "pencil", mechanisms: ["SCRAM-SHA-1", "PLAIN"] }, log).factory);
  assert.equal((await login(s, { domain: "magicbroccoli.de", username: "anna", password: "pencil", plainAllowed: false })).mechanism, "SCRAM-SHA-1");
  const s2 = await open(accountServer({ username: "anna", password: "pencil", mechanisms: ["PLAIN"] }).factory);
  await assert.rejects(login(s2, { domain: "magicbroccoli.de", username: "anna", password: "pencil", plainAllowed: false }), (e: unknown) => e instanceof SaslError && e.condition === "no-mechanism");
});

test("stanzas: bind, the XEP-0077 password change and removal", () => {
  assert.equal(serialize(bindRequest()), '<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/>');
  assert.equal(serialize(bindRequest("web")), '<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>web</resource></bind>');
  assert.equal(boundJid(parse("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>a@b/c</jid></bind>")), "a@b/c");
  assert.equal(boundJid(undefined), "");
  assert.equal(serialize(changePassword("anna", "new <&> pw")), '<query xmlns="jabber:iq:register"><username>anna</username><password>new &lt;&amp;&gt; pw</password></query>');
  assert.equal(serialize(removeAccount()), '<query xmlns="jabber:iq:register"><remove/></query>');
});
