// Precompression: writes foo.html.gz (zlib gzip, level 9) and foo.html.br (zlib brotli: quality 11 for assets of 4 KB or more,
// 5 for documents and small files)
// next to every text file, so nginx serves them with gzip_static / brotli_static without compressing
// per request. A compressed twin that would not be smaller than the original is not written
// (nginx then serves the original).
//
// The theme's assets (CSS, JS) are the largest files and the most expensive to compress (brotli 11),
// and they change far less often than the pages. Their twins are kept by content hash in
// assets/dist/.compressed/ (compressAssets, started while Hugo renders), and the compress step copies
// them for the fingerprinted files Hugo writes with the same bytes. Deleting assets/dist clears them.
import { promises as fs, readFileSync, writeFileSync, rmSync, existsSync, readdirSync } from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import type * as esbuild from "esbuild";
import path from "node:path";
import zlib from "node:zlib";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import type { Step } from "./pipeline.ts";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".xml", ".svg", ".json", ".txt", ".webmanifest", ".map"]);

export interface CompressStats {
  files: number;
  raw: number;
  gz: number;
  br: number;
  /** files whose twins came from the asset cache */
  reused: number;
}

/**
 * Brotli quality per file. The shared assets (CSS, JS, ...) are few and every page loads them, so they
 * get the maximum (11). Documents (HTML, XML) grow with the content: quality 11 costs about 30 times
 * the CPU of quality 5 on them for about 9% smaller output (npm run bench, see bench/README.md), which
 * made compression the largest step of the build; they get 5, which is still smaller than gzip -9.
 * Small files (under ASSET_MIN_BYTES: manifests, the well-known files, robots.txt) get 5 too: quality 11
 * has a fixed cost of about 0.8 ms per file and saves a few dozen bytes on them.
 */
export const BROTLI_QUALITY = { asset: 11, document: 5 } as const;
export const ASSET_MIN_BYTES = 4096;

const isDocument = (file: string) => /\.(html?|xml)$/i.test(file);

export function brotliQuality(file: string, size: number): number {
  return isDocument(file) || size < ASSET_MIN_BYTES ? BROTLI_QUALITY.document : BROTLI_QUALITY.asset;
}

/** True for the files that get a .gz/.br twin; host-meta has no extension but is XML. */
export function isCompressible(file: string): boolean {
  const base = path.basename(file);
  return COMPRESSIBLE.has(path.extname(base).toLowerCase()) || base === "host-meta";
}

/** The compressible files under dir (synchronous: ~10 times faster than fs.promises for thousands of folders). */
function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && isCompressible(p)) out.push(p);
  }
  return out;
}

export interface Twins {
  gz: Buffer;
  br: Buffer;
}

/** Compressed twins by sha256 of the original's bytes (see compressAssets). */
export type TwinCache = Map<string, Twins>;

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** zlib options of the twins (gzip level 9; brotli by brotliQuality), one place for both code paths. */
const GZIP_OPTIONS = { level: 9 } as const;
function brotliOptions(file: string, size: number): zlib.BrotliOptions {
  return {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality(file, size),
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}

/** Both twins with zlib's asynchronous calls (thread pool), for the few asset files compressed while Hugo runs. */
export async function compressBuffer(data: Buffer, file: string): Promise<Twins> {
  const [gz, br] = await Promise.all([gzip(data, GZIP_OPTIONS), brotli(data, brotliOptions(file, data.length))]);
  return { gz, br };
}

/** Writes file.gz / file.br when smaller than the original, else removes a stale twin (e.g. one copied from static/). */
function writeTwin(twin: string, body: Buffer, rawLength: number): number {
  if (body.length < rawLength) {
    writeFileSync(twin, body);
    return body.length;
  }
  if (existsSync(twin)) rmSync(twin, { force: true });
  return rawLength;
}

/** Writes both twins of a file whose original is rawLength bytes; returns the sizes as served. */
function writeTwins(file: string, twins: Twins, rawLength: number): { raw: number; gz: number; br: number } {
  return { raw: rawLength, gz: writeTwin(`${file}.gz`, twins.gz, rawLength), br: writeTwin(`${file}.br`, twins.br, rawLength) };
}

/** Compresses one file with zlib's synchronous calls and writes its twins; the unit of work of compressTree. */
export function compressFileSync(file: string): { raw: number; gz: number; br: number } {
  const data = readFileSync(file);
  const gz = zlib.gzipSync(data, GZIP_OPTIONS);
  const br = zlib.brotliCompressSync(data, brotliOptions(file, data.length));
  return writeTwins(file, { gz, br }, data.length);
}

/** Above this many files to compress, compressTree spreads them over worker threads (one per CPU). */
export const WORKER_THRESHOLD = 600;

interface Totals {
  raw: number;
  gz: number;
  br: number;
}

/** The worker's code (compress-worker.ts with what it imports), bundled once per process by esbuild:
 *  a worker that loads TypeScript through tsx took 125 ms to start, a bundled one 25 ms. */
let workerCode: Promise<string> | undefined;
function workerSource(): Promise<string> {
  // esbuild is loaded here, not at the top: most builds compress too few files to need workers
  workerCode ??= import("esbuild")
    .then((esbuild) =>
      esbuild.build({
        entryPoints: [fileURLToPath(new URL("./compress-worker.ts", import.meta.url))],
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        write: false,
        logLevel: "silent",
      }),
    )
    .then((r) => (r.outputFiles[0] as esbuild.OutputFile).text);
  return workerCode;
}

/** Runs compressFileSync over `files` in a worker thread (scripts/build/compress-worker.ts). */
async function inWorker(files: string[]): Promise<Totals> {
  const code = await workerSource();
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { files } });
    let result: Totals | undefined;
    w.on("message", (m: Totals) => (result = m));
    w.on("error", reject);
    w.on("exit", (code) => (result && code === 0 ? resolve(result) : reject(new Error(`compress worker exited with ${code}`))));
  });
}

// Files are read and written synchronously: for thousands of small files that is several times faster
// than fs.promises (one thread-pool round trip per file instead of several). A large site is compressed
// by one worker thread per CPU (5,000 posts per language: 1.8 s instead of 3.2 s with zlib's async calls).
export async function compressTree(dir: string, opts: { cache?: TwinCache; workers?: number } = {}): Promise<CompressStats> {
  const files = walk(dir);
  const stats: CompressStats = { files: files.length, raw: 0, gz: 0, br: 0, reused: 0 };
  const add = (t: Totals) => {
    stats.raw += t.raw;
    stats.gz += t.gz;
    stats.br += t.br;
  };
  const todo: string[] = [];
  for (const f of files) {
    const data = opts.cache?.size && !isDocument(f) ? readFileSync(f) : undefined;
    const twins = data && opts.cache?.get(sha256(data));
    if (!data || !twins) {
      todo.push(f);
      continue;
    }
    add(writeTwins(f, twins, data.length));
    stats.reused++;
  }
  const n = opts.workers ?? (todo.length >= WORKER_THRESHOLD ? Math.min(os.availableParallelism(), 4) : 0);
  if (n > 0) {
    for (const t of await Promise.all(Array.from({ length: n }, (_, i) => inWorker(todo.filter((_, k) => k % n === i))))) add(t);
  } else {
    for (const f of todo) add(compressFileSync(f));
  }
  return stats;
}

export const CACHE_DIR = ".compressed";

/**
 * Compresses the built assets (assets/dist) into assets/dist/.compressed/<sha256>.gz|.br, skipping
 * those already there, removes entries no current asset has, and returns the twins by hash.
 */
export async function compressAssets(distDir: string): Promise<TwinCache> {
  const cache: TwinCache = new Map();
  const cacheDir = path.join(distDir, CACHE_DIR);
  let files: string[];
  try {
    files = walk(distDir).filter((f) => !f.startsWith(cacheDir + path.sep));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return cache;
    throw e;
  }
  await fs.mkdir(cacheDir, { recursive: true });
  await Promise.all(
    files.map(async (f) => {
      const data = readFileSync(f);
      const hash = sha256(data);
      const at = path.join(cacheDir, hash);
      let twins: Twins;
      try {
        twins = { gz: readFileSync(`${at}.gz`), br: readFileSync(`${at}.br`) };
      } catch {
        twins = await compressBuffer(data, f);
        // written under a temporary name first, so an interrupted build never leaves half a twin
        for (const [ext, body] of [
          ["gz", twins.gz],
          ["br", twins.br],
        ] as const) {
          writeFileSync(`${at}.${ext}.tmp-${process.pid}`, body);
          await fs.rename(`${at}.${ext}.tmp-${process.pid}`, `${at}.${ext}`);
        }
      }
      cache.set(hash, twins);
    }),
  );
  for (const name of await fs.readdir(cacheDir)) {
    if (!cache.has(name.replace(/\.(gz|br)$/, ""))) await fs.rm(path.join(cacheDir, name), { force: true });
  }
  return cache;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export const compressStep: Step = {
  name: "compress",
  async run({ out, opts, assetTwins }) {
    const s = await compressTree(out, { cache: assetTwins ? await assetTwins : undefined });
    (opts.log ?? console.log)(`compress: ${s.files} files (${s.reused} from the asset cache), ${kb(s.raw)} -> gzip ${kb(s.gz)}, brotli ${kb(s.br)}`);
  },
};
