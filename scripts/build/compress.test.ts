import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { compressTree, isCompressible, brotliQuality, compressAssets, CACHE_DIR } from "./compress.ts";

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

test("shared assets get brotli's maximum quality, documents and small files the fast one (still smaller than gzip)", async () => {
  assert.equal(brotliQuality("dist/css/main.abc.css", 30_000), 11);
  assert.equal(brotliQuality("dist/js/main.abc.js", 4096), 11);
  assert.equal(brotliQuality("en/index.html", 30_000), 5);
  assert.equal(brotliQuality("sitemap.xml", 30_000), 5);
  // small files: quality 11's fixed cost buys a few bytes
  assert.equal(brotliQuality(".well-known/host-meta", 300), 5);
  assert.equal(brotliQuality("manifest.de.webmanifest", 4095), 5);
  const dir = await tree({ "index.html": page, "main.css": page });
  await compressTree(dir);
  const q11 = zlib.brotliCompressSync(page, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.length },
  });
  assert.equal((await fs.readFile(path.join(dir, "main.css.br"))).length, q11.length);
  const html = await fs.readFile(path.join(dir, "index.html.br"));
  assert.ok(html.length < (await fs.readFile(path.join(dir, "index.html.gz"))).length, "brotli 5 beats gzip 9");
});

test("the assets' twins are kept by content hash and reused for the same bytes in the site", async () => {
  const css = "body{color:#123}".repeat(300);
  const dist = await tree({ "css/main.css": css, "js/main.js": page });
  const cache = await compressAssets(dist);
  assert.equal(cache.size, 2);
  const stored = (await fs.readdir(path.join(dist, CACHE_DIR))).sort();
  assert.equal(stored.length, 4, stored.join(","));
  assert.ok(
    stored.every((n) => /^[0-9a-f]{64}\.(gz|br)$/.test(n)),
    stored.join(","),
  );

  // a second run reads the stored twins instead of compressing again (a planted twin proves it)
  const gzName = stored.find((n) => n.endsWith(".gz")) as string;
  await fs.writeFile(path.join(dist, CACHE_DIR, gzName), "planted");
  const again = await compressAssets(dist);
  assert.ok([...again.values()].some((t) => t.gz.toString() === "planted"));

  // the site: a fingerprinted copy of main.css is served from the cache, pages are compressed
  const site = await tree({ "dist/css/main.0123abcd.css": css, "index.html": page });
  const s = await compressTree(site, { cache: await compressAssets(dist) });
  assert.equal(s.reused, 1);
  assert.equal(zlib.brotliDecompressSync(await fs.readFile(path.join(site, "dist/css/main.0123abcd.css.br"))).toString(), css);
  assert.equal(zlib.gunzipSync(await fs.readFile(path.join(site, "index.html.gz"))).toString(), page);
});

test("twins of assets that changed or went away are removed from the cache", async () => {
  const dist = await tree({ "css/main.css": "a{b:c}".repeat(500) });
  await compressAssets(dist);
  await fs.writeFile(path.join(dist, "css/main.css"), "x{y:z}".repeat(500));
  const cache = await compressAssets(dist);
  assert.equal(cache.size, 1);
  assert.equal((await fs.readdir(path.join(dist, CACHE_DIR))).length, 2);
  assert.deepEqual(await compressAssets(path.join(dist, "nowhere")), new Map());
});

test("a stale twin (e.g. copied from static/) is removed when the new one would not be smaller", async () => {
  const dir = await tree({ "tiny.txt": "x", "tiny.txt.gz": "old", "tiny.txt.br": "old" });
  await compressTree(dir);
  assert.deepEqual(await fs.readdir(dir), ["tiny.txt"]);
});

test("worker threads (used for large sites) write the same twins as the main thread", async () => {
  const names = Array.from({ length: 12 }, (_, i) => `p${i}/index.html`).concat(["dist/main.css", "tiny.txt"]);
  const files = Object.fromEntries(names.map((n, i) => [n, n === "tiny.txt" ? "x" : `${page}${i}`]));
  const a = await tree(files);
  const b = await tree(files);
  const sa = await compressTree(a, { workers: 0 });
  const sb = await compressTree(b, { workers: 3 });
  assert.deepEqual(sb, sa);
  for (const n of names) {
    for (const ext of [".gz", ".br"]) {
      const x = await fs.readFile(path.join(a, n + ext)).catch(() => null);
      const y = await fs.readFile(path.join(b, n + ext)).catch(() => null);
      assert.deepEqual(y, x, n + ext);
    }
  }
  assert.equal(sa.files, names.length);
});
