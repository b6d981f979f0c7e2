// Safe publishing into a web root that nginx serves as <web root>/current:
//
//   <web root>/releases/<timestamp>/   one complete build each, never changed once published
//   <web root>/current -> releases/<timestamp>   (relative symlink, nginx `root <web root>/current;`)
//
// publish: build into <web root>/.staging/ (same file system), rename the finished build into
// releases/, then swap `current` atomically (new symlink under a temporary name, rename() over the old
// one), then prune to the newest `keep` releases. A failed or interrupted build stops before the swap,
// so what is live never changes; leftovers in .staging are removed by the next run.
// rollback: points `current` at the release before the live one.
// Everything that refuses to publish throws a Problem (scripts/config/problem.ts).
import { promises as fs } from "node:fs";
import path from "node:path";
import { Problem } from "../config/problem.ts";

export interface PublishOptions {
  webRoot: string;
  /** releases to keep (the live one always stays); default 5 */
  keep?: number;
  /** builds the site into `dest` (which must not exist yet); throws on failure */
  build: (dest: string) => Promise<void>;
  now?: () => Date;
  log?: (msg: string) => void;
}

const RELEASES = "releases";
const CURRENT = "current";
const STAGING = ".staging";
const LOCK = ".publish.lock";

/** 2026-11-28T18:52:54.123Z -> 20261128-185254-123: sorts by time, safe as a folder name. */
export function releaseName(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace("T", "-").replace(".", "-").replace("Z", "");
}

export async function listReleases(webRoot: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(path.join(webRoot, RELEASES), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && /^\d{8}-\d{6}-\d{3}(?:-\d+)?$/.test(e.name))
      .map((e) => e.name)
      .sort(compareReleases);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

function compareReleases(a: string, b: string): number {
  const [ta, na] = splitName(a);
  const [tb, nb] = splitName(b);
  return ta < tb ? -1 : ta > tb ? 1 : na - nb;
}
function splitName(n: string): [string, number] {
  const m = /^(\d{8}-\d{6}-\d{3})(?:-(\d+))?$/.exec(n);
  return [m?.[1] ?? n, Number(m?.[2] ?? 0)];
}

/** The release `current` points at, or undefined when nothing is published yet. */
export async function currentRelease(webRoot: string): Promise<string | undefined> {
  const link = path.join(webRoot, CURRENT);
  let st;
  try {
    st = await fs.lstat(link);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  if (!st.isSymbolicLink()) throw new Problem(`${link} is not a symlink`, { hint: `move it away (publish manages ${CURRENT} -> ${RELEASES}/<timestamp>)` });
  const target = await fs.readlink(link);
  return path.basename(target);
}

/** Points `current` at releases/<name> with one rename(): readers see the old or the new tree, never a mix. */
export async function switchTo(webRoot: string, name: string): Promise<void> {
  const target = path.join(RELEASES, name);
  await fs.access(path.join(webRoot, target));
  const tmp = path.join(webRoot, `.${CURRENT}.${process.pid}.tmp`);
  await fs.rm(tmp, { force: true });
  await fs.symlink(target, tmp);
  await fs.rename(tmp, path.join(webRoot, CURRENT));
}

async function withLock<T>(webRoot: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(webRoot, LOCK);
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw new Problem(`another publish is running (${lock})`, { hint: "remove the file if it is not" });
      const pid = Number(await fs.readFile(lock, "utf8").catch(() => ""));
      let alive = false;
      try {
        if (pid > 0) process.kill(pid, 0);
        alive = pid > 0;
      } catch {
        alive = false;
      }
      if (alive) throw new Problem(`another publish is running (pid ${pid}, ${lock})`);
      await fs.rm(lock, { force: true }); // stale lock of an interrupted run
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

/** Removes the oldest releases beyond `keep`, never the live one. Returns the removed names. */
export async function prune(webRoot: string, keep: number): Promise<string[]> {
  const all = await listReleases(webRoot);
  const live = await currentRelease(webRoot);
  const keepSet = new Set(all.slice(-keep));
  if (live) keepSet.add(live);
  const removed = all.filter((r) => !keepSet.has(r));
  for (const r of removed) await fs.rm(path.join(webRoot, RELEASES, r), { recursive: true, force: true });
  return removed;
}

export async function publish(opts: PublishOptions): Promise<{ release: string; previous?: string; removed: string[] }> {
  const keep = opts.keep ?? 5;
  if (!Number.isInteger(keep) || keep < 1) throw new Problem(`--keep must be a whole number of 1 or more, got ${keep}`);
  const log = opts.log ?? (() => {});
  const webRoot = path.resolve(opts.webRoot);
  await fs.mkdir(path.join(webRoot, RELEASES), { recursive: true });
  return withLock(webRoot, async () => {
    const previous = await currentRelease(webRoot); // also refuses a `current` that is a real folder
    const staging = path.join(webRoot, STAGING);
    await fs.rm(staging, { recursive: true, force: true }); // leftovers of an interrupted run
    await fs.mkdir(staging, { recursive: true });
    const base = releaseName((opts.now ?? (() => new Date()))());
    const existing = new Set(await listReleases(webRoot));
    let name = base;
    for (let i = 2; existing.has(name); i++) name = `${base}-${i}`;
    const built = path.join(staging, name);
    try {
      await opts.build(built);
      await fs.access(path.join(built, "index.html")).catch(() => {
        throw new Problem(`the build produced no index.html in ${built}; nothing was published`);
      });
      await fs.rename(built, path.join(webRoot, RELEASES, name));
    } finally {
      await fs.rm(staging, { recursive: true, force: true });
    }
    await switchTo(webRoot, name);
    log(`publish: ${path.join(webRoot, CURRENT)} -> ${RELEASES}/${name}${previous ? ` (was ${previous})` : ""}`);
    const removed = await prune(webRoot, keep);
    if (removed.length) log(`publish: removed old release(s) ${removed.join(", ")}`);
    return { release: name, ...(previous ? { previous } : {}), removed };
  });
}

/** Switches `current` to the release before the live one. */
export async function rollback(webRootIn: string, log: (m: string) => void = () => {}): Promise<{ from: string; to: string }> {
  const webRoot = path.resolve(webRootIn);
  return withLock(webRoot, async () => {
    const live = await currentRelease(webRoot);
    if (!live) throw new Problem(`nothing is published in ${webRoot} (no ${CURRENT} symlink)`);
    const all = await listReleases(webRoot);
    const i = all.indexOf(live);
    const to = i > 0 ? all[i - 1] : undefined;
    if (!to) throw new Problem(`no release before ${live} to roll back to (releases: ${all.join(", ") || "none"})`);
    await switchTo(webRoot, to);
    log(`rollback: ${path.join(webRoot, CURRENT)} -> ${RELEASES}/${to} (was ${live})`);
    return { from: live, to };
  });
}
