import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyProject } from "./project-copy.ts";

test("the copy has the sources, the theme's shipped bundles and a linked node_modules, but no build output", async () => {
  const from = await fs.mkdtemp(path.join(os.tmpdir(), "copy-from-"));
  await fs.mkdir(path.join(from, "content/de/news"), { recursive: true });
  await fs.mkdir(path.join(from, "node_modules/x"), { recursive: true });
  await fs.mkdir(path.join(from, "assets/dist"), { recursive: true });
  await fs.mkdir(path.join(from, "themes/t/assets/dist/js"), { recursive: true });
  await fs.mkdir(path.join(from, "public"), { recursive: true });
  await fs.writeFile(path.join(from, "hugo.toml"), 'title = "t"\n');
  await fs.writeFile(path.join(from, "assets/dist/old.js"), "old");
  await fs.writeFile(path.join(from, "themes/t/assets/dist/js/main.js"), "shipped");
  await fs.writeFile(path.join(from, "public/index.html"), "built");
  await fs.writeFile(path.join(from, "content/de/_index.md"), '+++\ntitle = "Start"\n+++\n');
  const dir = path.join(from + "-copy");
  await copyProject(dir, from);
  assert.equal(await fs.readFile(path.join(dir, "hugo.toml"), "utf8"), 'title = "t"\n');
  assert.equal(await fs.readFile(path.join(dir, "themes/t/assets/dist/js/main.js"), "utf8"), "shipped");
  assert.ok((await fs.lstat(path.join(dir, "node_modules"))).isSymbolicLink());
  await assert.rejects(fs.access(path.join(dir, "assets/dist/old.js")), "the site's build output is not copied");
  await assert.rejects(fs.access(path.join(dir, "public")), "public/ is not copied");
  await fs.rm(from, { recursive: true, force: true });
  await fs.rm(dir, { recursive: true, force: true });
});
