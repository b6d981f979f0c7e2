// Compressed sizes of the built script bundles (what a visitor downloads): used by the build's
// summary line and reusable by npm run bench. gzip at level 9, like nginx's precompressed files.
import { promises as fs } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { distDir } from "../config/paths.ts";

export interface BundleSize {
  name: string;
  bytes: number;
  gzip: number;
}

export function sizeOf(name: string, content: Buffer | string): BundleSize {
  const buf = typeof content === "string" ? Buffer.from(content) : content;
  return { name, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

/** Sizes of assets/dist/js/<name>.js for each name that exists (missing bundles are left out). */
export async function bundleSizes(names: string[], dir = path.join(distDir, "js")): Promise<BundleSize[]> {
  const out: BundleSize[] = [];
  for (const name of names) {
    try {
      out.push(sizeOf(name, await fs.readFile(path.join(dir, `${name}.js`))));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** "js: register.js 18.4 KiB (gzip 7.2 KiB), invite.js …" */
export function formatSizes(sizes: BundleSize[]): string {
  return `js: ${sizes.map((s) => `${s.name}.js ${kb(s.bytes)} (gzip ${kb(s.gzip)})`).join(", ")}`;
}
