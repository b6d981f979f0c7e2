import { test } from "node:test";
import assert from "node:assert/strict";
import { isVagueLinkText, normalizeLinkText } from "./link-text.ts";

test("vague link texts in German and English are recognised, whatever their case and punctuation", () => {
  for (const t of ["hier", "Hier", "**hier**", "here.", "Click here!", "Klick hier", "mehr …", "Weiter →", "weiterlesen", "Read more", "Link", "  more  "]) {
    assert.equal(isVagueLinkText(t), true, t);
  }
});

test("descriptive texts pass, also when they contain a vague word", () => {
  for (const t of ["Technik", "what XMPP is and how it works", "Mehr über XMPP", "hier registrieren", "Read more about OMEMO", "App"]) {
    assert.equal(isVagueLinkText(t), false, t);
  }
});

test("each language has its own list, as in Lighthouse", () => {
  assert.equal(isVagueLinkText("Start", "de"), false);
  assert.equal(isVagueLinkText("Start", "en-GB"), true);
  assert.equal(isVagueLinkText("hier", "de-DE"), true);
  assert.equal(isVagueLinkText("hier", "en"), false);
  assert.equal(isVagueLinkText("hier"), true);
});

test("normalizing keeps the words", () => {
  assert.equal(normalizeLinkText(" „Hier“ "), "hier");
  assert.equal(normalizeLinkText("`click` _here_"), "click here");
});
