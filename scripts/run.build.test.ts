// scripts/run.mjs end to end in a throwaway project: the first run compiles, the next reuses the bundle,
// an edit to an imported file compiles again, and import.meta.url in the bundle is the source file's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { root } from "./config/paths.ts";

const runMjs = fileURLToPath(new URL("./run.mjs", import.meta.url));

test("run.mjs compiles once, reuses the bundle while its inputs are unchanged, and recompiles after an edit", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "run-mjs-"));
  try {
    await fs.mkdir(path.join(dir, "scripts/lib"), { recursive: true });
    await fs.copyFile(runMjs, path.join(dir, "scripts/run.mjs"));
    await fs.symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    await fs.writeFile(path.join(dir, "scripts/lib/where.ts"), `export const where: string = import.meta.url;\nexport const word = "one";\n`);
    await fs.writeFile(
      path.join(dir, "scripts/hello.ts"),
      `import { where, word } from "./lib/where.ts";\nconsole.log(JSON.stringify({ where, word, argv1: process.argv[1], args: process.argv.slice(2) }));\n`,
    );
    // sources older than run.mjs's settle window, as after a checkout
    const old = new Date(Date.now() - 60_000);
    for (const f of ["scripts/hello.ts", "scripts/lib/where.ts", "scripts/run.mjs"]) await fs.utimes(path.join(dir, f), old, old);
    const run = () => {
      const r = spawnSync(process.execPath, [path.join(dir, "scripts/run.mjs"), "hello", "--x", "1"], { cwd: os.tmpdir(), encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as { where: string; word: string; argv1: string; args: string[] };
    };
    const bundle = path.join(dir, ".tools/scripts/hello.mjs");

    const first = run();
    assert.equal(first.where, pathToFileURL(path.join(dir, "scripts/lib/where.ts")).href, "import.meta.url is the source file's");
    assert.equal(first.argv1, path.join(dir, "scripts/hello.ts"));
    assert.deepEqual(first.args, ["--x", "1"]);
    const record = JSON.parse(await fs.readFile(path.join(dir, ".tools/scripts/hello.meta.json"), "utf8")) as { inputs: Record<string, unknown> };
    assert.deepEqual(Object.keys(record.inputs).sort(), ["scripts/hello.ts", "scripts/lib/where.ts", "scripts/run.mjs", "tsconfig.base.json", "tsconfig.json"]);

    const compiledAt = (await fs.stat(bundle)).mtimeMs;
    assert.equal(run().word, "one");
    assert.equal((await fs.stat(bundle)).mtimeMs, compiledAt, "unchanged inputs: the bundle is reused");

    await fs.writeFile(path.join(dir, "scripts/lib/where.ts"), `export const where: string = import.meta.url;\nexport const word = "two";\n`);
    await fs.utimes(path.join(dir, "scripts/lib/where.ts"), old, new Date(old.getTime() + 1000));
    assert.equal(run().word, "two", "an edited import is compiled in");
    assert.notEqual((await fs.stat(bundle)).mtimeMs, compiledAt);

    const unknown = spawnSync(process.execPath, [path.join(dir, "scripts/run.mjs"), "nope"], { encoding: "utf8" });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no script scripts\/nope\.ts/);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
