import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseFrontMatter } from "./frontmatter.ts";
import { addPosts, makeSiteCopy, postMarkdown } from "./scale-site.ts";

test("a generated post has the front matter of a real news post, in its language", () => {
  for (const lang of ["de", "en"] as const) {
    const fm = parseFrontMatter(postMarkdown(42, lang), `bench-42.${lang}.md`);
    assert.equal(fm.format, "toml");
    assert.match(String(fm.data.title), lang === "de" ? /^Neuigkeit Nummer 42/ : /^News number 42/);
    assert.equal(fm.data.translationKey, "bench-42");
    assert.ok(Array.isArray(fm.data.tags) && fm.data.tags.length >= 1);
  }
  assert.notEqual(postMarkdown(1, "de"), postMarkdown(2, "de"));
});

test("the copy has the sources and a linked node_modules, and posts go to both languages", async () => {
  const from = await fs.mkdtemp(path.join(os.tmpdir(), "scale-from-"));
  await fs.mkdir(path.join(from, "content/de/news"), { recursive: true });
  await fs.mkdir(path.join(from, "node_modules/x"), { recursive: true });
  await fs.mkdir(path.join(from, "assets/dist"), { recursive: true });
  await fs.writeFile(path.join(from, "hugo.toml"), 'title = "t"\n');
  await fs.writeFile(path.join(from, "assets/dist/old.js"), "old");
  await fs.writeFile(path.join(from, "content/de/_index.md"), '+++\ntitle = "Start"\n+++\n');
  const dir = path.join(from + "-copy");
  await makeSiteCopy(dir, 3, from);
  assert.equal(await fs.readFile(path.join(dir, "hugo.toml"), "utf8"), 'title = "t"\n');
  assert.ok((await fs.lstat(path.join(dir, "node_modules"))).isSymbolicLink());
  await assert.rejects(fs.access(path.join(dir, "assets/dist/old.js")), "build output is not copied");
  await addPosts(dir, 3, 5);
  for (const lang of ["de", "en"]) assert.equal((await fs.readdir(path.join(dir, "content", lang, "news"))).length, 5);
  await fs.rm(from, { recursive: true, force: true });
  await fs.rm(dir, { recursive: true, force: true });
});
