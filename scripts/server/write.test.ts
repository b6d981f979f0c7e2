import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import TOML from "@iarna/toml";
import { serverToml, writeServerToml } from "./write.ts";
import type { Outcome } from "./compare.ts";
import { facts } from "./fixtures.test-data.ts";

const outcome: Outcome = { findings: [], xeps: { advertised: ["0363"], missing: ["0280"], unchecked: ["0368"] } };

test("data/server.toml: the date of the check and the XEPs by what the server showed", () => {
  const doc = TOML.parse(serverToml(facts(), outcome, "2026-12-03")) as Record<string, unknown>;
  assert.equal(doc.checked, "2026-12-03");
  assert.deepEqual(doc.xeps, { advertised: ["0363"], missing: ["0280"], unchecked: ["0368"] });
  assert.deepEqual(doc.upload, { service: "upload.example.org", maxFileSize: 10485760 });
  assert.deepEqual((doc.registration as { open: boolean }).open, true);
});

test("writeServerToml writes the whole file, creating its folder", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "server-toml-"));
  const file = path.join(dir, "data/server.toml");
  await writeServerToml(file, serverToml(facts(), outcome, "2026-12-03"));
  assert.match(await fs.readFile(file, "utf8"), /^# Written by `npm run verify-server -- --write`/);
  assert.deepEqual(await fs.readdir(path.dirname(file)), ["server.toml"]);
  await fs.rm(dir, { recursive: true, force: true });
});
