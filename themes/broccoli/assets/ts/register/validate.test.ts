import { test } from "node:test";
import assert from "node:assert/strict";
import { checkUsername, checkPassword, validate, normalizeUsername, forbiddenChars, formProblems, parseLimits, visibleChar, extraWithForbiddenChars } from "./validate.ts";

const limits = { minPasswordLength: 8, maxUsernameLength: 64 };

test("each character RFC 7622 forbids in a localpart is refused", () => {
  for (const ch of ['"', "&", "'", "/", ":", "<", ">", "@"]) {
    assert.equal(checkUsername(`ab${ch}cd`, limits), "usernameChars", ch);
    assert.deepEqual(forbiddenChars(`a${ch}b${ch}`), [ch]);
  }
  assert.equal(checkUsername("a\u0007b", limits), "usernameChars");
});

test("spaces inside are refused; spaces around are trimmed", () => {
  assert.equal(checkUsername("anna maria", limits), "usernameSpace");
  assert.equal(checkUsername("anna\u00a0maria", limits), "usernameSpace");
  assert.equal(checkUsername("  anna ", limits), null);
  assert.equal(checkUsername("   ", limits), "usernameEmpty");
});

test("length limit from config, counted in characters; 1023 bytes at most", () => {
  assert.equal(checkUsername("a".repeat(64), limits), null);
  assert.equal(checkUsername("a".repeat(65), limits), "usernameTooLong");
  assert.equal(checkUsername("ä".repeat(64), limits), null);
  assert.equal(checkUsername("€".repeat(400), { ...limits, maxUsernameLength: 2000 }), "usernameTooLong");
});

test("usernames are lower-cased and NFKC-normalized the way the server stores them", () => {
  assert.equal(normalizeUsername(" Anna.Müller "), "anna.müller");
  assert.equal(normalizeUsername("ｆｕｌｌ"), "full");
  assert.equal(checkUsername("Jörg_1-2.3+x", limits), null);
});

test("passwords: minimum length from config, in characters", () => {
  assert.equal(checkPassword("", limits), "passwordEmpty");
  assert.equal(checkPassword("1234567", limits), "passwordTooShort");
  assert.equal(checkPassword("12345678", limits), null);
  assert.equal(checkPassword("🥦🥦🥦🥦", { ...limits, minPasswordLength: 5 }), "passwordTooShort");
});

test("validate: every field's problem, mismatch only once the password itself is fine", () => {
  assert.deepEqual(validate({ username: "a@b", password: "short", password2: "other", terms: false }, limits), {
    username: "usernameChars",
    password: "passwordTooShort",
    terms: "termsRequired",
  });
  assert.deepEqual(validate({ username: "anna", password: "longenough", password2: "longenougH", terms: true }, limits), { password2: "passwordMismatch" });
  assert.deepEqual(validate({ username: "anna", password: "longenough", password2: "longenough", terms: true }, limits), {});
});

test("formProblems: the fields to mark in the order a visitor meets them, extra fields before the terms", () => {
  assert.deepEqual(formProblems({ username: "", password: "longenough", password2: "other", terms: false }, limits, ["email"]), [
    ["username", "usernameEmpty"],
    ["password2", "passwordMismatch"],
    ["x:email", "fieldRequired"],
    ["terms", "termsRequired"],
  ]);
  assert.deepEqual(formProblems({ username: "anna", password: "longenough", password2: "longenough", terms: true }, limits), []);
});

test("the limits come from the form's data- attributes; a missing or broken one gives none, not a default", () => {
  assert.deepEqual(parseLimits("8", "64"), { minPasswordLength: 8, maxUsernameLength: 64 });
  assert.deepEqual(parseLimits("12", "30"), { minPasswordLength: 12, maxUsernameLength: 30 });
  for (const [min, max] of [
    [undefined, "64"],
    ["8", undefined],
    ["", "64"],
    ["8", " "],
    ["eight", "64"],
    ["0", "64"],
    ["8", "-1"],
    ["8", "Infinity"],
  ] as const) {
    assert.equal(parseLimits(min, max), null, `${min} / ${max}`);
  }
});

// every character XML 1.0 forbids (and that Prosody answers with a not-well-formed stream error)
const XML_FORBIDDEN = ["\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u000e", "\u001b", "\u001f", "\ufffe", "\uffff", "\ud800", "\udc00"];

test("a password holding a character XML forbids is refused at the field", () => {
  for (const ch of XML_FORBIDDEN) {
    assert.equal(checkPassword(`secret${ch}word`, limits), "passwordChars", JSON.stringify(ch));
    assert.deepEqual(validate({ username: "anna", password: `secret${ch}word`, password2: `secret${ch}word`, terms: true }, limits), { password: "passwordChars" });
  }
  // tab, newlines, non-ASCII and characters outside the BMP are fine in a password
  for (const ok of ["pass\tword", "pass\nword\r", "pässwört€", "🥦🥦🥦🥦🥦🥦🥦🥦", "\u007f\u0085secret!"]) assert.equal(checkPassword(ok, limits), null, JSON.stringify(ok));
});

test("a username holding a character XML forbids is refused, and the message can show it", () => {
  for (const ch of XML_FORBIDDEN) {
    // vertical tab and form feed are white space: refused as a space
    assert.equal(checkUsername(`an${ch}na`, limits), ch === "\u000b" || ch === "\u000c" ? "usernameSpace" : "usernameChars", JSON.stringify(ch));
  }
  assert.equal(visibleChar("\u0007"), "U+0007");
  assert.equal(visibleChar("\ufffe"), "U+FFFE");
  assert.equal(visibleChar("@"), "@");
});

test("extra fields holding a character XML forbids are marked after the empty required ones", () => {
  assert.deepEqual(extraWithForbiddenChars({ email: ["a\u0000@example.org"], city: ["Köln"], note: ["ok", "bad\ufffe"] }), ["email", "note"]);
  assert.deepEqual(formProblems({ username: "anna", password: "longenough", password2: "longenough", terms: true }, limits, ["name"], ["email"]), [
    ["x:name", "fieldRequired"],
    ["x:email", "fieldChars"],
  ]);
});
