import { test } from "node:test";
import assert from "node:assert/strict";
import { parseMessages, fill, message } from "./messages.ts";

test("fill replaces known placeholders only", () => {
  assert.equal(fill("at least {min} characters, {x}", { min: 8 }), "at least 8 characters, {x}");
  // a placeholder named like an Object.prototype member is unknown, not a function's source text
  assert.equal(fill("{constructor} {toString}", {}), "{constructor} {toString}");
});

test("a message by key, with its placeholders filled", (t) => {
  const error = t.mock.method(console, "error", () => {});
  const m = parseMessages(JSON.stringify({ errConflict: "„{username}“ ist schon vergeben." }));
  assert.equal(message(m, "errConflict", { username: "anna" }), "„anna“ ist schon vergeben.");
  assert.equal(error.mock.callCount(), 0);
});

test("a message the page lacks shows its key and, outside production, is a console error naming the i18n id", (t) => {
  const error = t.mock.method(console, "error", () => {});
  assert.equal(message({}, "errUnexpected"), "errUnexpected");
  assert.equal(error.mock.callCount(), 1);
  assert.match(String(error.mock.calls[0]?.arguments[0]), /"errUnexpected".*registerErrUnexpected/);
});

test("missing or broken data-messages give no messages, not an exception", () => {
  for (const json of [undefined, "", "{", "null", "42"]) assert.deepEqual(parseMessages(json), {}, String(json));
});
