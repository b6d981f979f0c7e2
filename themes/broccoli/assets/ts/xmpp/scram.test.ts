import { test } from "node:test";
import assert from "node:assert/strict";
import { scram, saslName, scramAttrs, ScramError, utf8ToBase64, base64ToUtf8 } from "./scram.ts";

test("RFC 5802 section 5: SCRAM-SHA-1, user 'user', password 'pencil'", async () => {
  const c = scram("SHA-1", "user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
  assert.equal(c.first, "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
  const final = await c.final("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
  assert.equal(final, "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
  c.verify("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
});

test("RFC 7677 section 3: SCRAM-SHA-256, user 'user', password 'pencil'", async () => {
  const c = scram("SHA-256", "user", "pencil", "rOprNGfwEbeRWgbNEkqO");
  assert.equal(c.first, "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  const final = await c.final("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
  assert.equal(final, "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
  c.verify("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
});

test("a wrong server signature, a server error and an unverified exchange are refused", async () => {
  const c = scram("SHA-1", "user", "pencil", "fyko+d2lbbFgONRv9qkxdawL");
  assert.throws(
    () => c.verify("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="),
    (e: unknown) => e instanceof ScramError && e.reason === "server-signature",
  );
  await c.final("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
  assert.throws(
    () => c.verify("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
    (e: unknown) => e instanceof ScramError && e.reason === "server-signature",
  );
  assert.throws(
    () => c.verify("e=invalid-proof"),
    (e: unknown) => e instanceof ScramError && e.reason === "server-error",
  );
  // the signature of the other hash for the same exchange does not pass either
  assert.throws(
    () => c.verify("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="),
    (e: unknown) => e instanceof ScramError,
  );
});

test("a server-first message that does not extend our nonce, or lacks salt or iterations, is malformed", async () => {
  const bad = [
    "r=othernonce,s=QSXCR+Q6sek8bf92,i=4096",
    "r=abc,s=QSXCR+Q6sek8bf92,i=4096",
    "r=abcdef,i=4096",
    "r=abcdef,s=QSXCR+Q6sek8bf92,i=0",
    "r=abcdef,s=QSXCR+Q6sek8bf92",
    "m=ext,r=abcdef,s=QSXCR+Q6sek8bf92,i=1",
  ];
  for (const sf of bad) {
    await assert.rejects(scram("SHA-1", "user", "pencil", "abc").final(sf), (e: unknown) => e instanceof ScramError && e.reason === "malformed", sf);
  }
});

test("names: = and , escaped (RFC 5802 5.1); attributes parsed; base64 of UTF-8 both ways", () => {
  assert.equal(saslName("a=b,c"), "a=3Db=2Cc");
  assert.equal(scram("SHA-1", "a,b", "x", "N").first, "n,,n=a=2Cb,r=N");
  assert.deepEqual(scramAttrs("r=ab,s=c=d,i=1"), { r: "ab", s: "c=d", i: "1" });
  assert.equal(utf8ToBase64("n,,n=jürgen,r=x"), "biwsbj1qw7xyZ2VuLHI9eA==");
  assert.equal(base64ToUtf8("biwsbj1qw7xyZ2VuLHI9eA=="), "n,,n=jürgen,r=x");
});
