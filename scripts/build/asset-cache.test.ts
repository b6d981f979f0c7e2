import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inputsHash, isFresh, writeStamp, removeStamp } from "./asset-cache.ts";

async function setup() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "asset-cache-"));
  const src = path.join(dir, "src");
  const out = path.join(dir, "out");
  await fs.mkdir(path.join(src, "features"), { recursive: true });
  await fs.mkdir(out);
  await fs.writeFile(path.join(src, "main.ts"), "import '../lib/features/a.ts';");
  await fs.writeFile(path.join(src, "features/a.ts"), "export const a = 1;");
  await fs.writeFile(path.join(dir, "lock.json"), "{}");
  await fs.writeFile(path.join(out, "main.js"), "a=1");
  return { dir, src, out, lock: path.join(dir, "lock.json") };
}

test("unchanged inputs and outputs are fresh; any input change is not", async () => {
  const { src, out, lock } = await setup();
  const h = () => inputsHash([src], [lock], ["production=true"]);
  const first = await h();
  await writeStamp(out, first, [path.join(out, "main.js")]);
  assert.equal(await isFresh(out, await h()), true);
  await fs.writeFile(path.join(src, "features/a.ts"), "export const a = 2;");
  assert.notEqual(await h(), first, "a nested source changed");
  assert.equal(await isFresh(out, await h()), false);
  await fs.writeFile(path.join(src, "features/a.ts"), "export const a = 1;");
  assert.equal(await h(), first);
  await fs.writeFile(lock, '{"esbuild":"1"}');
  assert.notEqual(await h(), first, "the lock file changed");
  assert.notEqual(await inputsHash([src], [], ["production=false"]), await inputsHash([src], [], ["production=true"]), "other options");
});

test("an output overwritten (e.g. by the dev watcher) or deleted is not fresh", async () => {
  const { src, out } = await setup();
  const h = await inputsHash([src], [], []);
  await writeStamp(out, h, [path.join(out, "main.js")]);
  await fs.writeFile(path.join(out, "main.js"), "a=1//# sourceMappingURL=...");
  assert.equal(await isFresh(out, h), false);
  await fs.writeFile(path.join(out, "main.js"), "a=1");
  assert.equal(await isFresh(out, h), true);
  await fs.rm(path.join(out, "main.js"));
  assert.equal(await isFresh(out, h), false);
});

test("no stamp, or a removed one, is never fresh", async () => {
  const { src, out } = await setup();
  const h = await inputsHash([src], [], []);
  assert.equal(await isFresh(out, h), false);
  await writeStamp(out, h, [path.join(out, "main.js")]);
  await removeStamp(out);
  assert.equal(await isFresh(out, h), false);
});
