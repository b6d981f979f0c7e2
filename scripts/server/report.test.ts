import { test } from "node:test";
import assert from "node:assert/strict";
import { textReport, jsonReport, jsonFailure, software } from "./report.ts";
import type { Outcome } from "./compare.ts";
import { facts } from "./fixtures.test-data.ts";

const outcome: Outcome = {
  findings: [
    { level: "error", subject: "XEP-0280", message: "Message Carbons: not advertised" },
    { level: "hint", subject: "XEP-0199", message: "ping" },
  ],
  xeps: { advertised: ["0363"], missing: ["0280"], unchecked: ["0368"] },
};
const endpoint = { websocket: "wss://example.org/ws", hostMeta: "https://example.org/.well-known/host-meta.json" };

test("text: one line per finding, then the summary", () => {
  const f = facts({ version: { name: "Prosody", version: "0.12.3", os: "Linux" } });
  assert.equal(
    textReport(f, outcome, endpoint),
    [
      "error: XEP-0280: Message Carbons: not advertised",
      "hint: XEP-0199: ping",
      "verify-server: example.org via wss://example.org/ws (from https://example.org/.well-known/host-meta.json), Prosody 0.12.3 (Linux): 1 of 3 listed XEPs advertised; 1 error, 0 warnings, 1 hint",
    ].join("\n"),
  );
  assert.equal(software(facts()), "software not stated (no XEP-0092)");
});

test("json: ok is false with an error; a failure is a document too", () => {
  const doc = JSON.parse(jsonReport(facts(), outcome, endpoint, "2026-12-03"));
  assert.equal(doc.ok, false);
  assert.equal(doc.checked, "2026-12-03");
  assert.deepEqual(doc.xeps.missing, ["0280"]);
  assert.deepEqual(JSON.parse(jsonFailure("cannot reach")), { ok: false, error: "cannot reach" });
});
