import { test } from "node:test";
import assert from "node:assert/strict";
import { readCopyLabels, normaliseCode } from "./copy-labels.ts";

test("reads the three labels", () => {
  assert.deepEqual(readCopyLabels({ copyLabel: "Kopieren", copiedLabel: "Kopiert", copyFailedLabel: "Nicht möglich" }), {
    copy: "Kopieren",
    copied: "Kopiert",
    failed: "Nicht möglich",
  });
});

test("no labels, no button", () => {
  assert.equal(readCopyLabels({ copyLabel: "Copy" }), null);
  assert.equal(readCopyLabels({ copyLabel: " ", copiedLabel: "x", copyFailedLabel: "y" }), null);
});

test("code text loses only trailing newlines", () => {
  assert.equal(normaliseCode("a\r\nb\n\n"), "a\nb");
  assert.equal(normaliseCode("  indented\n"), "  indented");
});
