// Precompression: writes foo.html.gz (zlib gzip, level 9) and foo.html.br (zlib brotli, quality 11 for assets, 5 for documents)
// next to every text file, so nginx serves them with gzip_static / brotli_static without compressing
// per request. A compressed twin that would not be smaller than the original is not written
// (nginx then serves the original).
import { promises as fs } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
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
}

/**
 * Brotli quality per file. The shared assets (CSS, JS, SVG, JSON, ...) are few and every page loads
 * them, so they get the maximum (11). Documents (HTML, XML) grow with the content: quality 11 costs
 * about 30 times the CPU of quality 5 on them for about 9% smaller output (npm run bench, see
 * bench/README.md), which made compression the largest step of the build; they get 5, which is still
 * smaller than gzip -9.
 */
export const BROTLI_QUALITY = { asset: 11, document: 5 } as const;

export function brotliQuality(file: string): number {
  return /\.(html?|xml)$/i.test(file) ? BROTLI_QUALITY.document : BROTLI_QUALITY.asset;
}

/** True for the files that get a .gz/.br twin; host-meta has no extension but is XML. */
export function isCompressible(file: string): boolean {
  const base = path.basename(file);
  return COMPRESSIBLE.has(path.extname(base).toLowerCase()) || base === "host-meta";
}

async function walk(dir: string, out: string[] = []): Promise<string[]> {
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && isCompressible(p)) out.push(p);
  }
  return out;
}

export async function compressFile(file: string): Promise<{ raw: number; gz: number; br: number }> {
  const data = await fs.readFile(file);
  const [gz, br] = await Promise.all([
    gzip(data, { level: 9 }),
    brotli(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality(file),
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  ]);
  const res = { raw: data.length, gz: data.length, br: data.length };
  // remove stale twins first (a rebuilt file may have become incompressible)
  await Promise.all([fs.rm(`${file}.gz`, { force: true }), fs.rm(`${file}.br`, { force: true })]);
  if (gz.length < data.length) {
    await fs.writeFile(`${file}.gz`, gz);
    res.gz = gz.length;
  }
  if (br.length < data.length) {
    await fs.writeFile(`${file}.br`, br);
    res.br = br.length;
  }
  return res;
}

export async function compressTree(dir: string, concurrency = 8): Promise<CompressStats> {
  const files = await walk(dir);
  const stats: CompressStats = { files: files.length, raw: 0, gz: 0, br: 0 };
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const f = files[next++] as string;
      const r = await compressFile(f);
      stats.raw += r.raw;
      stats.gz += r.gz;
      stats.br += r.br;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return stats;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export const compressStep: Step = {
  name: "compress",
  async run({ out, opts }) {
    const s = await compressTree(out);
    (opts.log ?? console.log)(`compress: ${s.files} files, ${kb(s.raw)} -> gzip ${kb(s.gz)}, brotli ${kb(s.br)}`);
  },
};
