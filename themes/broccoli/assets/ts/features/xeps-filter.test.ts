import { test } from "node:test";
import assert from "node:assert/strict";
import { normalise, parseQuery, rowMatches, filterRows, statusText, type Row } from "./xeps-filter.ts";

const rows: Row[] = [
  { number: "0045", text: "Multi-User Chat Gruppenchats: private Runden mit Freunden" },
  { number: "0313", text: "Message Archive Management Der Server bewahrt deinen Nachrichtenverlauf auf" },
  { number: "0363", text: "HTTP File Upload Bilder und Dateien verschicken, mit OMEMO verschlüsselt" },
  { number: "0198", text: "Stream Management Keine verlorenen Nachrichten" },
];
const shown = (q: string) => rows.filter((_, i) => filterRows(rows, q)[i]).map((r) => r.number);

test("an empty or blank query shows every row", () => {
  assert.deepEqual(shown(""), ["0045", "0313", "0363", "0198"]);
  assert.deepEqual(shown("   "), ["0045", "0313", "0363", "0198"]);
});

test("words match names and benefits, ignoring case", () => {
  assert.deepEqual(shown("management"), ["0313", "0198"]);
  assert.deepEqual(shown("GRUPPENCHATS"), ["0045"]);
});

test("every word must match", () => {
  assert.deepEqual(shown("management archive"), ["0313"]);
  assert.deepEqual(shown("management upload"), []);
});

test("accents do not matter either way", () => {
  assert.deepEqual(shown("verschlusselt"), ["0363"]);
  assert.deepEqual(shown("verschlüsselt"), ["0363"]);
  assert.equal(normalise("  Ünïcode\tText "), "unicode text");
});

test("XEP numbers match with or without prefix and leading zeros", () => {
  assert.deepEqual(shown("313"), ["0313"]);
  assert.deepEqual(shown("xep-0313"), ["0313"]);
  assert.deepEqual(shown("XEP0363"), ["0363"]);
  assert.deepEqual(shown("0045"), ["0045"]);
  // a partly typed number narrows step by step
  assert.deepEqual(shown("3"), ["0313", "0363"]);
  assert.deepEqual(shown("36"), ["0363"]);
});

test("the text 'xep' alone matches every row", () => {
  assert.deepEqual(shown("xep"), ["0045", "0313", "0363", "0198"]);
});

test("query terms are parsed into numbers and words", () => {
  assert.deepEqual(parseQuery("XEP-0313 Archiv"), [
    { kind: "number", digits: "313" },
    { kind: "text", text: "archiv" },
  ]);
  assert.equal(rowMatches({ number: "0280", text: "Message Carbons" }, parseQuery("carbons 280")), true);
  assert.equal(rowMatches({ number: "0280", text: "Message Carbons" }, parseQuery("carbons 281")), false);
});

test("status text fills in the counts", () => {
  assert.equal(statusText("{shown} von {total} Erweiterungen", 3, 17), "3 von 17 Erweiterungen");
  assert.equal(statusText("{shown} of {total} extensions", 0, 17), "0 of 17 extensions");
});
