// The sign-up form's messages are named in three places: message-keys.ts (what the script asks for),
// layouts/partials/register/form.html (what Hugo writes into data-messages) and the theme's i18n files
// (the texts, ids register<Key>). A key missing from one of them would show the visitor a bare key.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import TOML from "@iarna/toml";
import { MESSAGE_KEYS, i18nId } from "./message-keys.ts";

const theme = new URL("../../../", import.meta.url);
const formHtml = readFileSync(new URL("layouts/partials/register/form.html", theme), "utf8");
const i18n = Object.fromEntries(["de", "en"].map((lang) => [lang, TOML.parse(readFileSync(new URL(`i18n/${lang}.toml`, theme), "utf8")) as Record<string, unknown>]));

/** The quoted words of `{{- $name := <fn> "a" "b" … -}}` in form.html. */
function templateWords(name: string, fn: string): string[] {
  const m = new RegExp(`\\$${name} := ${fn} ((?:"[^"]*"\\s*)+)`).exec(formHtml);
  assert.ok(m, `form.html has no "$${name} := ${fn} …"`);
  return [...(m[1] ?? "").matchAll(/"([^"]*)"/g)].map((w) => w[1] ?? "");
}

test("the keys are unique", () => {
  assert.equal(new Set(MESSAGE_KEYS).size, MESSAGE_KEYS.length);
});

test("form.html writes exactly the keys of message-keys.ts into data-messages", () => {
  assert.deepEqual([...templateWords("keys", "slice")].sort(), [...MESSAGE_KEYS].sort());
});

for (const lang of ["de", "en"]) {
  test(`i18n/${lang}.toml has a text for every key`, () => {
    const missing = MESSAGE_KEYS.filter((k) => typeof i18n[lang]?.[i18nId(k)] !== "string" || i18n[lang]?.[i18nId(k)] === "");
    assert.deepEqual(missing.map(i18nId), []);
  });

  test(`i18n/${lang}.toml: every placeholder of these texts is one that form.html hands to the script as {name}`, () => {
    const words = templateWords("forScript", "dict");
    const handed = new Map<string, string>();
    for (let i = 0; i + 1 < words.length; i += 2) handed.set(words[i] ?? "", words[i + 1] ?? "");
    for (const [name, token] of handed) assert.equal(token, `{${name.charAt(0).toLowerCase()}${name.slice(1)}}`, `form.html passes ${name} as ${token}`);
    for (const k of MESSAGE_KEYS) {
      const text = String(i18n[lang]?.[i18nId(k)] ?? "");
      for (const p of text.matchAll(/\{\{-?\s*\.(\w+)\s*-?\}\}/g)) assert.ok(handed.has(p[1] ?? ""), `${i18nId(k)} uses {{ .${p[1]} }}, which form.html does not pass`);
      assert.doesNotMatch(text, /(?<!\{)\{\w+\}(?!\})/, `${i18nId(k)}: placeholders are written {{ .Name }}`);
    }
  });
}

test("i18nId capitalises the key after the block name", () => {
  assert.equal(i18nId("errConflict"), "registerErrConflict");
});
