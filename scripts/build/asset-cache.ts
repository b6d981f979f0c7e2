// Lets the asset build skip work it has already done: a stamp file in the output folder records a
// hash of every input (sources, lock file, build code, options) and of every output it wrote.
// The build is skipped only when the inputs hash the same and every output is still byte for byte
// what that build wrote (so output from the watcher or a hand edit is never mistaken for it).
import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";

export const STAMP = ".asset-build.json";

interface Stamp {
  inputs: string;
  /** output path relative to the output folder -> sha256 of its content */
  outputs: Record<string, string>;
}

const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const names = await fs.readdir(dir, { recursive: true, withFileTypes: true });
    return names.filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/** One hash over the names and contents of all files under `dirs`, the `files`, and `extra` strings. */
export async function inputsHash(dirs: string[], files: string[], extra: string[]): Promise<string> {
  const h = createHash("sha256");
  const all = [...(await Promise.all(dirs.map(filesUnder))).flat(), ...files].sort();
  for (const f of all) {
    let body: Buffer;
    try {
      // synchronous: one thread-pool round trip per file made this check ~60 ms of every build
      body = readFileSync(f);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw e;
    }
    h.update(`${f}\0${body.length}\0`).update(body);
  }
  for (const x of extra) h.update(`\0${x}`);
  return h.digest("hex");
}

/** True when the stamp in outDir names these inputs and every output it lists is unchanged. */
export async function isFresh(outDir: string, inputs: string): Promise<boolean> {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(path.join(outDir, STAMP), "utf8")) as Stamp;
  } catch {
    return false;
  }
  if (stamp.inputs !== inputs || Object.keys(stamp.outputs ?? {}).length === 0) return false;
  for (const [rel, hash] of Object.entries(stamp.outputs)) {
    try {
      if (sha(readFileSync(path.join(outDir, rel))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export async function writeStamp(outDir: string, inputs: string, outputs: string[]): Promise<void> {
  const stamp: Stamp = { inputs, outputs: {} };
  for (const f of outputs) stamp.outputs[path.relative(outDir, f)] = sha(await fs.readFile(f));
  await fs.writeFile(path.join(outDir, STAMP), JSON.stringify(stamp, null, 2) + "\n");
}

export async function removeStamp(outDir: string): Promise<void> {
  await fs.rm(path.join(outDir, STAMP), { force: true });
}
