// `npm run build` on bad input, end to end in a throwaway copy of the project: it fails with the
// file and line, exits non-zero, and leaves the previous public/ exactly as it was.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyProject, runScript, snapshot } from "./harness/project-copy.ts";

let copy = "";

const build = () => runScript(copy, "scripts/build.ts");

before(async () => {
  copy = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-build-"));
  await copyProject(copy);
  const first = build();
  assert.equal(first.status, 0, `the unchanged copy builds: ${first.stderr}`);
});

after(async () => {
  if (copy) await fs.rm(copy, { recursive: true, force: true });
});

async function expectFailure(change: () => Promise<() => Promise<void>>, message: RegExp) {
  const before = await snapshot(path.join(copy, "public"));
  const undo = await change();
  try {
    const res = build();
    assert.notEqual(res.status, 0, "the build fails");
    assert.match(res.stderr + res.stdout, message);
    assert.deepEqual(await snapshot(path.join(copy, "public")), before, "public/ is untouched");
  } finally {
    await undo();
  }
}

async function addFile(rel: string, text: string) {
  const p = path.join(copy, rel);
  await fs.writeFile(p, text);
  return () => fs.rm(p);
}

test("broken TOML front matter names the file and line", async () => {
  await expectFailure(() => addFile("content/de/kaputt.md", '+++\ntitle = "Kaputt"\ndate = 2024-13-45\ndraft = false\n+++\nText\n'), /content\/de\/kaputt\.md:3: /);
});

test("a page without a title names the file", async () => {
  await expectFailure(() => addFile("content/en/untitled.md", '+++\ndescription = "no title here"\n+++\nText\n'), /content\/en\/untitled\.md:\d+: .*title/);
});

test("a TypeScript error names the source file and line", async () => {
  await expectFailure(() => addFile("themes/broccoli/assets/ts/broken.ts", "const ok = 1;\nconst x = ;\nexport { ok, x };\n"), /themes\/broccoli\/assets\/ts\/broken\.ts:2:\d+: /);
});

test("a Sass error names the source file and line", async () => {
  const p = path.join(copy, "themes/broccoli/assets/scss/main.scss");
  const original = await fs.readFile(p, "utf8");
  await expectFailure(
    async () => {
      await fs.writeFile(p, `${original}\n.broken {\n  color: $no-such-variable;\n}\n`);
      return () => fs.writeFile(p, original);
    },
    new RegExp(`themes/broccoli/assets/scss/main\\.scss:${original.split("\n").length + 2}:\\d+: Undefined variable`),
  );
});
