// The theme's shipped bundles: themes/broccoli/assets/dist/{js,css}, committed, so that a site with
// only `theme = "broccoli"` builds with plain hugo. A site's own assets/dist (npm run build) has the
// same paths and takes precedence through Hugo's union file system.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildAssets } from "./assets.ts";
import { themeDir } from "../config/paths.ts";

export const themeDistDir = path.join(themeDir, "assets/dist");
const KINDS = ["js", "css"] as const;

/** Builds the production bundles into a fresh folder; returns "js/main.js" -> bytes for each file. */
export async function buildBundles(): Promise<Map<string, Buffer>> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-bundles-"));
  try {
    await buildAssets({ production: true, outDir: tmp, force: true });
    return await readBundles(tmp);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** "js/main.js" -> bytes for the bundles in dir (only js/ and css/; caches and stamps are left out). */
export async function readBundles(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const kind of KINDS) {
    let names: string[] = [];
    try {
      names = (await fs.readdir(path.join(dir, kind))).filter((n) => n.endsWith(`.${kind}`)).sort();
    } catch {
      continue;
    }
    for (const n of names) out.set(`${kind}/${n}`, await fs.readFile(path.join(dir, kind, n)));
  }
  return out;
}

/** Paths (relative to the theme's dist) that differ between what the sources build and what is shipped. */
export async function staleBundles(): Promise<string[]> {
  const [fresh, shipped] = await Promise.all([buildBundles(), readBundles(themeDistDir)]);
  const names = new Set([...fresh.keys(), ...shipped.keys()]);
  return [...names].filter((n) => !fresh.get(n)?.equals(shipped.get(n) ?? Buffer.alloc(0)) || !shipped.has(n)).sort();
}

/** Writes the fresh bundles into the theme, removing bundles whose entry no longer exists. */
export async function writeBundles(): Promise<string[]> {
  const fresh = await buildBundles();
  await fs.rm(themeDistDir, { recursive: true, force: true });
  for (const [name, bytes] of fresh) {
    await fs.mkdir(path.dirname(path.join(themeDistDir, name)), { recursive: true });
    await fs.writeFile(path.join(themeDistDir, name), bytes);
  }
  return [...fresh.keys()];
}
