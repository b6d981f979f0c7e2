import { test } from "node:test";
import assert from "node:assert/strict";
import { toggled, afterKey } from "./nav-toggle.ts";

test("the menu button opens a folded menu and folds an open one", () => {
  assert.equal(toggled("closed"), "open");
  assert.equal(toggled("open"), "closed");
});

test("Escape folds the menu, other keys leave it as it is", () => {
  assert.equal(afterKey("open", "Escape"), "closed");
  assert.equal(afterKey("closed", "Escape"), "closed");
  assert.equal(afterKey("open", "Tab"), "open");
  assert.equal(afterKey("open", "Enter"), "open");
});
