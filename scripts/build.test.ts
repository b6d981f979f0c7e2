// `npm run build` on bad input, end to end in a throwaway copy of the project: it fails with the
// file and line, exits non-zero, and leaves the previous public/ exactly as it was.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { root } from "./lib/paths.ts";

let copy = "";
const SKIP = new Set(["node_modules", "public", ".tmp", ".git", "test-results", "playwright-report", "assets", "bench", "resources"]);

function run(cmd: string, args: string[]) {
  return spawnSync(cmd, args, { cwd: copy, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
}
function build() {
  return run(process.execPath, ["--import", "tsx", "scripts/build.ts"]);
}
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(`${path.relative(dir, p)} ${(await fs.stat(p)).size} ${(await fs.stat(p)).mtimeMs}`);
    }
  };
  await walk(dir);
  return out.sort();
}

before(async () => {
  copy = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-build-"));
  await fs.cp(root, copy, { recursive: true, filter: (src) => !SKIP.has(path.relative(root, src).split(path.sep)[0] ?? "") });
  await fs.symlink(path.join(root, "node_modules"), path.join(copy, "node_modules"));
  run("git", ["init", "-q"]);
  run("git", ["-c", "user.email=t@example.org", "-c", "user.name=t", "add", "-A"]);
  run("git", ["-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "copy"]);
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
  await expectFailure(
    () => addFile("themes/broccoli/assets/ts/broken.ts", 'const ok = 1;\nconst x = ;\nexport { ok, x };\n'),
    /themes\/broccoli\/assets\/ts\/broken\.ts:2:\d+: /,
  );
});

test("a Sass error names the source file and line", async () => {
  const p = path.join(copy, "themes/broccoli/assets/scss/main.scss");
  const original = await fs.readFile(p, "utf8");
  await expectFailure(async () => {
    await fs.writeFile(p, `${original}\n.broken {\n  color: $no-such-variable;\n}\n`);
    return () => fs.writeFile(p, original);
  }, new RegExp(`themes/broccoli/assets/scss/main\\.scss:${original.split("\n").length + 2}:\\d+: Undefined variable`));
});
