import { test } from "node:test";
import assert from "node:assert/strict";
import { serialize } from "./xml.ts";
import { preauth, parseInviteFragment, parseInviteUri, inviteUri } from "./preauth.ts";

test("the preauth element is mod_invites_register's", () => {
  assert.equal(serialize(preauth("HyUn1Myo4Zg9i9e0yVS1tEgT")), `<preauth xmlns="urn:xmpp:pars:0" token="HyUn1Myo4Zg9i9e0yVS1tEgT"/>`);
});

test("fragments: bare token, preauth=, a whole (encoded) xmpp: URI", () => {
  assert.deepEqual(parseInviteFragment("#HyUn1Myo4Zg9i9e0yVS1tEgT"), { token: "HyUn1Myo4Zg9i9e0yVS1tEgT" });
  assert.deepEqual(parseInviteFragment("#preauth=abc_DEF-123"), { token: "abc_DEF-123" });
  assert.deepEqual(parseInviteFragment("#" + encodeURIComponent("xmpp:magicbroccoli.de?register;preauth=abcdefgh")), { token: "abcdefgh" });
  assert.deepEqual(parseInviteFragment("#xmpp:anna@magicbroccoli.de?register;preauth=abcdefgh"), { token: "abcdefgh", username: "anna" });
});

test("no token, or not a token", () => {
  for (const h of ["", "#", "#a b", "#<script>", "#abc", "#%E0%A4%A", "#xmpp:x?message;preauth=abcdefgh"]) assert.equal(parseInviteFragment(h), undefined, h);
});

test("contact invitations count only when they allow registration", () => {
  assert.deepEqual(parseInviteUri("xmpp:nico@magicbroccoli.de?roster;preauth=abcdefgh;ibr=y"), { token: "abcdefgh", inviter: "nico" });
  assert.equal(parseInviteUri("xmpp:nico@magicbroccoli.de?roster;preauth=abcdefgh"), undefined);
});

test("the URI for a mobile client", () => {
  assert.equal(inviteUri("magicbroccoli.de", "T0ken123"), "xmpp:magicbroccoli.de?register;preauth=T0ken123");
  assert.deepEqual(parseInviteUri(inviteUri("magicbroccoli.de", "T0ken123")), { token: "T0ken123" });
});
