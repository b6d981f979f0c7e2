import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseFrontMatter } from "../content/frontmatter.ts";
import { addPosts, postMarkdown } from "./posts.ts";

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

test("posts go to both languages", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "posts-"));
  await addPosts(dir, 0, 3);
  await addPosts(dir, 3, 5);
  for (const lang of ["de", "en"]) assert.equal((await fs.readdir(path.join(dir, "content", lang, "news"))).length, 5);
  await fs.rm(dir, { recursive: true, force: true });
});
