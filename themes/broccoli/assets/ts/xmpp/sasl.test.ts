import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, serialize } from "./xml.ts";
import { classify } from "./framing.ts";
import { chooseMechanism, offeredMechanisms, plainAllowedOver, saslFrame, authElement, SaslError, authenticate } from "./sasl.ts";
import { Session } from "./session.ts";
import { accountServer, features } from "./scram-server.node.ts";

test("the strongest offered mechanism wins; PLAIN only when allowed and nothing better is offered", () => {
  assert.equal(chooseMechanism(["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"], true), "SCRAM-SHA-256");
  assert.equal(chooseMechanism(["SCRAM-SHA-1", "SCRAM-SHA-256"], false), "SCRAM-SHA-256");
  assert.equal(chooseMechanism(["PLAIN", "SCRAM-SHA-1"], true), "SCRAM-SHA-1");
  assert.equal(chooseMechanism(["SCRAM-SHA-1-PLUS", "SCRAM-SHA-1"], true), "SCRAM-SHA-1");
  assert.equal(chooseMechanism(["PLAIN"], true), "PLAIN");
  assert.equal(chooseMechanism(["PLAIN"], false), undefined);
  assert.equal(chooseMechanism(["DIGEST-MD5", "ANONYMOUS"], true), undefined);
  assert.equal(chooseMechanism([], true), undefined);
});

test("PLAIN is allowed over wss:// and over ws:// to loopback only", () => {
  assert.equal(plainAllowedOver("wss://magicbroccoli.de/xmpp-websocket"), true);
  assert.equal(plainAllowedOver("ws://127.0.0.1:5280/xmpp-websocket"), true);
  assert.equal(plainAllowedOver("ws://[::1]:5280/xmpp-websocket"), true);
  assert.equal(plainAllowedOver("ws://localhost/xmpp-websocket"), true);
  assert.equal(plainAllowedOver("ws://magicbroccoli.de/xmpp-websocket"), false);
  assert.equal(plainAllowedOver("not a url"), false);
});

test("offered mechanisms from the stream features", () => {
  assert.deepEqual(offeredMechanisms(parse(features(["SCRAM-SHA-1", "PLAIN"]))), ["SCRAM-SHA-1", "PLAIN"]);
  assert.deepEqual(offeredMechanisms(parse("<stream:features xmlns:stream='http://etherx.jabber.org/streams'/>")), []);
});

test("SASL elements: auth with base64 initial response, and the server's challenge/success/failure", () => {
  assert.equal(serialize(authElement("SCRAM-SHA-1", "n,,n=user,r=abc")), '<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="SCRAM-SHA-1">biwsbj11c2VyLHI9YWJj</auth>');
  const f = (x: string) => saslFrame(classify(parse(x)));
  assert.deepEqual(f("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>cj1hYmM=</challenge>"), { kind: "challenge", data: "r=abc" });
  assert.deepEqual(f("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"), { kind: "success", data: "" });
  assert.deepEqual(f("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/><text xml:lang='en'>Invalid username or password</text></failure>"), {
    kind: "failure",
    condition: "not-authorized",
    text: "Invalid username or password",
  });
  assert.equal(f("<message xmlns='jabber:client'/>"), undefined);
});

for (const mech of ["SCRAM-SHA-1", "SCRAM-SHA-256", "PLAIN"] as const) {
  test(`${mech} against a server implemented with node:crypto: the right password passes, a wrong one is not-authorized`, async () => {
    const log: string[] = [];
    const srv = accountServer({ username: "anna", password: "pencil ünd", mechanisms: [mech] }, log);
    const s = await Session.open("ws://x", "magicbroccoli.de", { socket: srv.factory });
    await authenticate(s, mech, "anna", "pencil ünd");
    s.close();
    const s2 = await Session.open("ws://x", "magicbroccoli.de", { socket: accountServer({ username: "anna", password: "pencil", mechanisms: [mech] }).factory });
    await assert.rejects(authenticate(s2, mech, "anna", "wrong"), (e: unknown) => e instanceof SaslError && e.condition === "not-authorized");
    assert.deepEqual(log, [`auth ${mech}`]);
  });
}

test("a server that cannot prove it knows the password is refused (server-signature)", async () => {
  const srv = accountServer({ username: "anna", password: "pencil", mechanisms: ["SCRAM-SHA-256"], badSignature: true });
  const s = await Session.open("ws://x", "magicbroccoli.de", { socket: srv.factory });
  await assert.rejects(authenticate(s, "SCRAM-SHA-256", "anna", "pencil"), (e: unknown) => e instanceof SaslError && e.condition === "server-signature");
});
