// The freshness check of scripts/run.mjs: a compiled script is reused only while every file it was
// built from has the size and mtime it had, and a record is never kept for an input that was still
// being written when the compile started.
import { test } from "node:test";
import assert from "node:assert/strict";
import { staleReason, makeRecord, sourceInputs, SETTLE_MS, ABSENT, EXTRA_INPUTS, type FileStamp } from "./run.mjs";

const files = (m: Record<string, FileStamp>) => (rel: string) => m[rel];
const t0 = 1_700_000_000_000;
const disk = { "scripts/build.ts": { size: 100, mtimeMs: t0 }, "scripts/build/hugo.ts": { size: 200, mtimeMs: t0 + 5 } };

test("a record of the same sizes and mtimes is fresh", () => {
  const rec = makeRecord(Object.keys(disk), files(disk), t0 + 60_000);
  assert.ok(rec);
  assert.equal(staleReason(rec, files(disk)), null);
});

test("a changed mtime, a changed size or a deleted input makes it stale, naming the file", () => {
  const rec = makeRecord(Object.keys(disk), files(disk), t0 + 60_000);
  assert.ok(rec);
  assert.equal(staleReason(rec, files({ ...disk, "scripts/build/hugo.ts": { size: 200, mtimeMs: t0 + 6 } })), "scripts/build/hugo.ts changed");
  assert.equal(staleReason(rec, files({ ...disk, "scripts/build.ts": { size: 101, mtimeMs: t0 } })), "scripts/build.ts changed");
  assert.equal(staleReason(rec, files({ "scripts/build.ts": disk["scripts/build.ts"] })), "scripts/build/hugo.ts is gone");
});

test("no record, an empty record or one of another version is stale", () => {
  assert.match(String(staleReason(undefined, files(disk))), /no record/);
  assert.match(String(staleReason({ version: 1, inputs: {} }, files(disk))), /no record/);
  assert.match(String(staleReason({ version: 2, inputs: {} } as never, files(disk))), /no record/);
});

test("no record is made when an input was modified just before the compile started, or is missing", () => {
  assert.equal(makeRecord(Object.keys(disk), files(disk), t0 + SETTLE_MS - 1), null);
  assert.ok(makeRecord(Object.keys(disk), files(disk), t0 + 5 + SETTLE_MS));
  assert.equal(makeRecord(["scripts/nope.ts"], files(disk), t0 + 60_000), null);
});

test("an optional input (the compiler, the TS config) may be absent; it is stale once it appears", () => {
  const rec = makeRecord(Object.keys(disk), files(disk), t0 + 60_000, ["tsconfig.json"]);
  assert.deepEqual(rec?.inputs["tsconfig.json"], ABSENT);
  assert.equal(staleReason(rec ?? undefined, files(disk)), null);
  assert.equal(staleReason(rec ?? undefined, files({ ...disk, "tsconfig.json": { size: 10, mtimeMs: t0 } })), "tsconfig.json appeared");
  // an input esbuild read is never optional, even when also listed as optional
  assert.equal(makeRecord(["scripts/nope.ts"], files(disk), t0 + 60_000, ["scripts/nope.ts"]), null);
  assert.deepEqual(EXTRA_INPUTS, ["scripts/run.mjs", "tsconfig.json", "tsconfig.base.json"]);
});

test("the inputs are the project's own files from esbuild's metafile, no packages", () => {
  const inputs = sourceInputs({ inputs: { "scripts/build.ts": {}, "themes/broccoli/assets/ts/xmpp/names.ts": {}, "node_modules/@iarna/toml/toml.js": {}, "data:text/plain,x": {} } });
  assert.deepEqual(inputs, ["scripts/build.ts", "themes/broccoli/assets/ts/xmpp/names.ts"]);
});
