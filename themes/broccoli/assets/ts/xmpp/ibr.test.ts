import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, serialize, child } from "./xml.ts";
import { parseRegistration, whatIsNeeded, registerSubmit, registerQuery, webLink } from "./ibr.ts";

// Prosody 0.12's answer to the registration query (mod_register_ibr), as received over the websocket
const PROSODY =
  "<iq xmlns='jabber:client' type='result' id='g1'><query xmlns='jabber:iq:register'><instructions>Choose a username and password for use with this service.</instructions><username/><password/><x xmlns='jabber:x:data' type='form'><title>Creating a new account</title><instructions>Choose a username and password for use with this service.</instructions><field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field><field type='text-single' var='username' label='Username'><required/></field><field type='text-private' var='password' label='Password'><required/></field></x></query></iq>";
const q = (s: string) => child(parse(s), "query", "jabber:iq:register");

test("the query is an empty jabber:iq:register query", () => {
  assert.equal(serialize(registerQuery()), `<query xmlns="jabber:iq:register"/>`);
});

test("reads Prosody's answer: instructions, legacy fields, the form", () => {
  const info = parseRegistration(q(PROSODY));
  assert.equal(info.instructions, "Choose a username and password for use with this service.");
  assert.deepEqual(info.fields, ["username", "password"]);
  assert.equal(info.form?.formType, "jabber:iq:register");
  assert.deepEqual(whatIsNeeded(info), { kind: "simple" });
});

test("submits the server's form with username and password (FORM_TYPE echoed)", () => {
  const info = parseRegistration(q(PROSODY));
  assert.equal(
    serialize(registerSubmit(info, "alice", "p<ss")),
    `<query xmlns="jabber:iq:register"><x xmlns="jabber:x:data" type="submit"><field var="FORM_TYPE" type="hidden"><value>jabber:iq:register</value></field><field var="username"><value>alice</value></field><field var="password"><value>p&lt;ss</value></field></x></query>`,
  );
});

test("without a form, the legacy elements are sent", () => {
  const info = parseRegistration(q("<iq type='result' id='1'><query xmlns='jabber:iq:register'><username/><password/></query></iq>"));
  assert.equal(serialize(registerSubmit(info, "bob", "x")), `<query xmlns="jabber:iq:register"><username>bob</username><password>x</password></query>`);
});

test("a form with more fields (email) asks the visitor for them", () => {
  const info = parseRegistration(
    q(
      "<iq type='result' id='1'><query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='form'><field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field><field var='username' type='text-single'><required/></field><field var='password' type='text-private'><required/></field><field var='email' type='text-single' label='Email'><required/></field></x></query></iq>",
    ),
  );
  const need = whatIsNeeded(info);
  assert.equal(need.kind, "extra");
  assert.ok(need.kind === "extra" && need.form.fields.some((f) => f.var === "email" && f.required));
  assert.match(serialize(registerSubmit(info, "a", "b", { email: ["a@example.org"] })), /<field var="email"><value>a@example.org<\/value><\/field>/);
});

test("legacy extra fields become a form of required text fields", () => {
  const need = whatIsNeeded(parseRegistration(q("<iq type='result' id='1'><query xmlns='jabber:iq:register'><username/><password/><email/></query></iq>")));
  assert.ok(need.kind === "extra" && need.form.fields.map((f) => f.var).join() === "email");
});

test("CAPTCHA, media and out-of-band registration cannot be done here", () => {
  const captcha = parseRegistration(
    q(
      "<iq type='result' id='1'><query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='form'><field type='hidden' var='FORM_TYPE'><value>urn:xmpp:captcha</value></field><field var='ocr' label='Enter the text'><media xmlns='urn:xmpp:media-element'><uri type='image/png'>cid:x</uri></media><required/></field></x><x xmlns='jabber:x:oob'><url>https://example.org/captcha</url></x></query></iq>",
    ),
  );
  assert.deepEqual(whatIsNeeded(captcha), { kind: "unsupported", reason: "captcha", url: "https://example.org/captcha" });
  const oob = parseRegistration(
    q("<iq type='result' id='1'><query xmlns='jabber:iq:register'><instructions>Use the web</instructions><x xmlns='jabber:x:oob'><url>https://example.org/signup</url></x></query></iq>"),
  );
  assert.equal(oob.instructions, "Use the web");
  assert.deepEqual(whatIsNeeded(oob), { kind: "unsupported", reason: "oob", url: "https://example.org/signup" });
  const media = parseRegistration(
    q(
      "<iq type='result' id='1'><query xmlns='jabber:iq:register'><x xmlns='jabber:x:data' type='form'><field var='username'/><field var='password'/><field var='pic'><media xmlns='urn:xmpp:media-element'/></field></x></query></iq>",
    ),
  );
  assert.equal(whatIsNeeded(media).kind, "unsupported");
});

test("an out-of-band URL becomes a link only for https: (http: only on loopback); others are dropped", () => {
  const oob = (url: string) => whatIsNeeded(parseRegistration(q(`<iq type='result' id='1'><query xmlns='jabber:iq:register'><x xmlns='jabber:x:oob'><url>${url}</url></x></query></iq>`)));
  assert.deepEqual(oob("https://example.org/signup"), { kind: "unsupported", reason: "oob", url: "https://example.org/signup" });
  assert.deepEqual(oob(" http://127.0.0.1:8080/signup "), { kind: "unsupported", reason: "oob", url: "http://127.0.0.1:8080/signup" });
  for (const bad of [
    "javascript:alert(1)",
    " JavaScript:alert(document.domain)",
    "java&#x09;script:alert(1)",
    "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
    "http://example.org/signup",
    "vbscript:x",
    "/relative",
    "xmpp:example.org?register",
    "https://",
  ]) {
    assert.deepEqual(oob(bad), { kind: "unsupported", reason: "no-username" }, bad);
  }
  assert.equal(webLink("HTTPS://Example.org/a b"), "https://example.org/a%20b");
  assert.equal(webLink("http://[::1]/x"), "http://[::1]/x");
  assert.equal(webLink("http://localhost.evil.example/x"), undefined);
});
