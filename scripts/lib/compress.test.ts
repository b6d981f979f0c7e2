import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { compressTree, isCompressible, brotliQuality } from "./compress.ts";

async function tree(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "compress-"));
  for (const [name, body] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), body);
  }
  return dir;
}

const page = "<!doctype html><title>x</title>" + "<p>Broccoli und XMPP, verschlüsselt. ".repeat(200);

test("every text file gets a .gz and a .br that decompress to the original", async () => {
  const names = ["index.html", "en/index.html", "css/main.css", "js/main.js", "sitemap.xml", "icons/a.svg", ".well-known/host-meta.json", "robots.txt", ".well-known/host-meta"];
  const dir = await tree(Object.fromEntries(names.map((n) => [n, page])));
  const s = await compressTree(dir);
  assert.equal(s.files, names.length);
  for (const n of names) {
    const f = path.join(dir, n);
    assert.equal(zlib.gunzipSync(await fs.readFile(`${f}.gz`)).toString(), page, `${n}.gz`);
    assert.equal(zlib.brotliDecompressSync(await fs.readFile(`${f}.br`)).toString(), page, `${n}.br`);
  }
  assert.ok(s.gz < s.raw / 5 && s.br <= s.gz, `gzip ${s.gz}, brotli ${s.br}, raw ${s.raw}`);
});

test("gzip is level 9 (no larger than zlib's own level 9 output)", async () => {
  const dir = await tree({ "a.html": page });
  await compressTree(dir);
  const gz = await fs.readFile(path.join(dir, "a.html.gz"));
  assert.equal(gz.length, zlib.gzipSync(page, { level: 9 }).length);
});

test("binary files and already compressed files are left alone", async () => {
  const dir = await tree({ "a.png": Buffer.alloc(5000), "a.woff2": Buffer.alloc(5000), "b.html": page });
  await compressTree(dir);
  const list = (await fs.readdir(dir)).sort();
  assert.deepEqual(list, ["a.png", "a.woff2", "b.html", "b.html.br", "b.html.gz"]);
  assert.ok(!isCompressible("x.html.gz"));
});

test("no twin is written when it would not be smaller", async () => {
  const dir = await tree({ "tiny.txt": "x" });
  await compressTree(dir);
  assert.deepEqual(await fs.readdir(dir), ["tiny.txt"]);
});

test("shared assets get brotli's maximum quality, documents the fast one (still smaller than gzip)", async () => {
  assert.equal(brotliQuality("dist/css/main.abc.css"), 11);
  assert.equal(brotliQuality("dist/js/main.abc.js"), 11);
  assert.equal(brotliQuality(".well-known/host-meta"), 11);
  assert.equal(brotliQuality("en/index.html"), 5);
  assert.equal(brotliQuality("sitemap.xml"), 5);
  const dir = await tree({ "index.html": page, "main.css": page });
  await compressTree(dir);
  const q11 = zlib.brotliCompressSync(page, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.length } });
  assert.equal((await fs.readFile(path.join(dir, "main.css.br"))).length, q11.length);
  const html = await fs.readFile(path.join(dir, "index.html.br"));
  assert.ok(html.length < (await fs.readFile(path.join(dir, "index.html.gz"))).length, "brotli 5 beats gzip 9");
});
