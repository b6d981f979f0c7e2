// The account page's messages are named in three places: message-keys.ts (what the script asks for),
// layouts/partials/account/forms.html (what Hugo writes into data-messages) and the theme's i18n files
// (the texts, ids account<Key>). A key missing from one of them would show the visitor a bare key.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import TOML from "@iarna/toml";
import { MESSAGE_KEYS, i18nId, message } from "./message-keys.ts";

const theme = new URL("../../../", import.meta.url);
const formHtml = readFileSync(new URL("layouts/partials/account/forms.html", theme), "utf8");
const i18n = Object.fromEntries(["de", "en"].map((lang) => [lang, TOML.parse(readFileSync(new URL(`i18n/${lang}.toml`, theme), "utf8")) as Record<string, unknown>]));

/** The quoted words of `{{- $name := <fn> "a" "b" … -}}` in forms.html. */
function templateWords(name: string, fn: string): string[] {
  const m = new RegExp(`\\$${name} := ${fn} ((?:"[^"]*"\\s*|\\$\\w+\\s*)+)`).exec(formHtml);
  assert.ok(m, `forms.html has no "$${name} := ${fn} …"`);
  return [...(m[1] ?? "").matchAll(/"([^"]*)"|\$(\w+)/g)].map((w) => w[1] ?? `$${w[2]}`);
}

test("forms.html writes exactly the keys of message-keys.ts into data-messages; the keys are unique", () => {
  assert.equal(new Set(MESSAGE_KEYS).size, MESSAGE_KEYS.length);
  assert.deepEqual([...templateWords("keys", "slice")].sort(), [...MESSAGE_KEYS].sort());
});

for (const lang of ["de", "en"]) {
  test(`i18n/${lang}.toml: a text for every key, with only the placeholders forms.html fills`, () => {
    const missing = MESSAGE_KEYS.filter((k) => typeof i18n[lang]?.[i18nId(k)] !== "string" || i18n[lang]?.[i18nId(k)] === "");
    assert.deepEqual(missing.map(i18nId), []);
    const words = templateWords("forScript", "dict");
    const handed = new Set(words.filter((_w, i) => i % 2 === 0));
    assert.deepEqual([...handed].sort(), ["Domain", "Jid", "Min"]);
    for (const k of MESSAGE_KEYS) {
      const text = String(i18n[lang]?.[i18nId(k)] ?? "");
      for (const p of text.matchAll(/\{\{-?\s*\.(\w+)\s*-?\}\}/g)) assert.ok(handed.has(p[1] ?? ""), `${i18nId(k)} uses {{ .${p[1]} }}, which forms.html does not pass`);
    }
  });
}

test("message fills {jid}; a key without text shows the key", () => {
  assert.equal(message({ changed: "Password of {jid} changed." }, "changed", { jid: "a@b" }), "Password of a@b changed.");
  assert.equal(message({}, "busy"), "busy");
  assert.equal(i18nId("errNotAuthorized"), "accountErrNotAuthorized");
});
