import { test } from "node:test";
import assert from "node:assert/strict";
import { localpart, changeProblems, deleteProblems } from "./validate.ts";

const D = "magicbroccoli.de";

test("the address: name@domain or the name alone, case folded; other domains and empty are refused", () => {
  assert.equal(localpart(" Anna@MagicBroccoli.de ", D), "anna");
  assert.equal(localpart("anna", D), "anna");
  assert.equal(localpart("anna@example.org", D), undefined);
  assert.equal(localpart("@magicbroccoli.de", D), undefined);
  assert.equal(localpart("  ", D), undefined);
});

test("change: address, current password, new password of the minimum length, typed twice", () => {
  const ok = { jid: "anna@magicbroccoli.de", password: "old", newPassword: "new password", newPassword2: "new password" };
  assert.deepEqual(changeProblems(ok, D, 8), []);
  assert.deepEqual(changeProblems({ ...ok, jid: "" }, D, 8), [["jid", "jidEmpty"]]);
  assert.deepEqual(changeProblems({ ...ok, jid: "anna@example.org" }, D, 8), [["jid", "jidOtherDomain"]]);
  assert.deepEqual(changeProblems({ ...ok, password: "" }, D, 8), [["password", "passwordEmpty"]]);
  assert.deepEqual(changeProblems({ ...ok, newPassword: "short", newPassword2: "short" }, D, 8), [["newPassword", "passwordTooShort"]]);
  // characters, not UTF-16 units
  assert.deepEqual(changeProblems({ ...ok, newPassword: "😀😀😀😀", newPassword2: "😀😀😀😀" }, D, 5), [["newPassword", "passwordTooShort"]]);
  assert.deepEqual(changeProblems({ ...ok, newPassword2: "other password" }, D, 8), [["newPassword2", "passwordMismatch"]]);
});

test("delete: the typed confirmation must be the same address (case and spaces aside)", () => {
  const ok = { jid: "anna", password: "pw", confirm: " ANNA@magicbroccoli.de " };
  assert.deepEqual(deleteProblems(ok, D), []);
  assert.deepEqual(deleteProblems({ ...ok, confirm: "anna" }, D), [["confirm", "confirmMismatch"]]);
  assert.deepEqual(deleteProblems({ ...ok, confirm: "bert@magicbroccoli.de" }, D), [["confirm", "confirmMismatch"]]);
  assert.deepEqual(deleteProblems({ jid: "", password: "", confirm: "" }, D), [
    ["jid", "jidEmpty"],
    ["password", "passwordEmpty"],
    ["confirm", "confirmMismatch"],
  ]);
});
