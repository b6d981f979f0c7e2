import { test } from "node:test";
import assert from "node:assert/strict";
import { parseMessages, fill, message } from "./messages.ts";

test("fill replaces known placeholders only", () => {
  assert.equal(fill("at least {min} characters, {x}", { min: 8 }), "at least 8 characters, {x}");
});

test("a message by key, filled; the key itself when the page has no text for it", () => {
  const m = parseMessages(JSON.stringify({ errConflict: "„{username}“ ist schon vergeben." }));
  assert.equal(message(m, "errConflict", { username: "anna" }), "„anna“ ist schon vergeben.");
  assert.equal(message(m, "errUnexpected"), "errUnexpected");
});

test("missing or broken data-messages give no messages, not an exception", () => {
  for (const json of [undefined, "", "{", "null", "42"]) assert.deepEqual(parseMessages(json), {}, String(json));
});
