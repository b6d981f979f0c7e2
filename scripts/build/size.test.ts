import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sizeOf, bundleSizes, formatSizes } from "./size.ts";

test("gzip size is the length of a real gzip stream of the content", () => {
  const text = "const a = 1;\n".repeat(500);
  const s = sizeOf("x", text);
  assert.equal(s.bytes, Buffer.byteLength(text));
  assert.equal(s.gzip, gzipSync(text, { level: 9 }).length);
  assert.ok(s.gzip < s.bytes / 10, "repetitive text compresses well");
  assert.equal(gunzipSync(gzipSync(text, { level: 9 })).toString(), text);
});

test("bundleSizes reads the named bundles and skips missing ones", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "size-"));
  try {
    await fs.writeFile(path.join(dir, "register.js"), "x".repeat(2048));
    const sizes = await bundleSizes(["register", "invite"], dir);
    assert.deepEqual(
      sizes.map((s) => [s.name, s.bytes]),
      [["register", 2048]],
    );
    assert.match(formatSizes(sizes), /^js: register\.js 2\.0 KiB \(gzip 0\.\d KiB\)$/);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
