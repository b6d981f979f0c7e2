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

/** Release folder names (anything else dropped), oldest first. */
export function sortReleases(names: string[]): string[] {
  return names.filter((n) => RELEASE_NAME.test(n)).sort(compareReleases);
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

/**
 * Whether the process that wrote a lock may still be running. Only ESRCH ("no such process") proves it is
 * gone; EPERM means it runs as another user (e.g. root's publish seen by a deploy user): alive.
 * `kill` is process.kill; tests pass another to reach the EPERM branch without a second user.
 */
export function holderMayBeAlive(pid: number, kill: (pid: number, signal: number) => unknown = process.kill): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // unreadable owner: cannot prove it is gone
  try {
    kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * The lock: <web root>/.publish.lock holds the pid of its holder. It is made atomically with its content
 * (written to a unique temp file, then link()ed into place, which fails when the lock exists), so a lock
 * is never seen empty. A lock whose holder is gone (ESRCH) is moved aside by rename() and deleted only
 * if it still holds that dead pid; otherwise (another run replaced it meanwhile) it is put back.
 */
async function withLock<T>(webRoot: string, fn: () => Promise<T>, kill?: (pid: number, signal: number) => unknown): Promise<T> {
  const lock = path.join(webRoot, LOCK);
  const mine = path.join(webRoot, `${LOCK}.${process.pid}.tmp`);
  await fs.writeFile(mine, String(process.pid));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.link(mine, lock);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
      const pid = Number((await fs.readFile(lock, "utf8").catch(() => "")).trim());
      const held = new Problem(`another publish is running (pid ${pid || "unknown"}, ${lock})`, { hint: `if no publish is running, remove ${lock}` });
      if (attempt > 0 || holderMayBeAlive(pid, kill)) throw held;
      const aside = path.join(webRoot, `${LOCK}.${process.pid}.stale`);
      try {
        await fs.rename(lock, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // someone else moved it: try again
        throw e;
      }
      const moved = Number((await fs.readFile(aside, "utf8").catch(() => "")).trim());
      if (moved !== pid) {
        await fs.link(aside, lock).catch(() => {}); // a live run's lock: put it back
        await fs.rm(aside, { force: true });
        throw held;
      }
      await fs.rm(aside, { force: true }); // the stale lock of an interrupted run
    }
  } finally {
    await fs.rm(mine, { force: true });
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

const RELEASE_NAME = /^\d{8}-\d{6}-\d{3}(?:-\d+)?$/;

/**
 * Refuses a web root that is the live site or lies inside a release: nginx's document root is
 * <web root>/current, and publishing into it (or into releases/<ts>) would write a release into the live
 * tree. Takes the path as given (absolute or relative; for a remote host its path there); returns the
 * Problem naming the right folder, or undefined when the path is fine.
 */
export function webRootProblem(webRoot: string): Problem | undefined {
  const norm = path.posix.normalize(webRoot.replace(/\/+$/, "") || "/");
  const parts = norm.split("/");
  for (let i = 1; i < parts.length; i++) {
    const inRelease = parts[i] === RELEASES && (i === parts.length - 1 || RELEASE_NAME.test(parts[i + 1] ?? ""));
    if (inRelease) {
      const right = parts.slice(0, i).join("/") || "/";
      return new Problem(`web root ${webRoot} is inside ${RELEASES}/, which publish manages`, { hint: `give the folder that holds ${RELEASES}/ and ${CURRENT}: ${right}` });
    }
  }
  if (parts[parts.length - 1] === CURRENT) {
    const right = parts.slice(0, -1).join("/") || "/";
    return new Problem(`web root ${webRoot} is the live site (nginx's root, the ${CURRENT} symlink); publishing there would write into it`, { hint: `give its parent folder: ${right}` });
  }
  return undefined;
}

/** Adds read (files) and read + search (folders) for group and others below dir, whatever the umask was. */
export async function makeWorldReadable(dir: string): Promise<void> {
  const st = await fs.lstat(dir);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    if ((st.mode & 0o055) !== 0o055) await fs.chmod(dir, (st.mode & 0o7777) | 0o055);
    for (const e of await fs.readdir(dir)) await makeWorldReadable(path.join(dir, e));
  } else if ((st.mode & 0o044) !== 0o044) {
    await fs.chmod(dir, (st.mode & 0o7777) | 0o044);
  }
}

/** What nginx's workers (another user than the publisher) cannot read below dir: files without o+r,
 *  folders without o+rx. Returns the paths, at most `max`. */
export async function notWorldReadable(dir: string, max = 5): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string): Promise<void> => {
    if (out.length >= max) return;
    const st = await fs.lstat(p);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      if ((st.mode & 0o005) !== 0o005) out.push(p);
      for (const e of await fs.readdir(p)) await walk(path.join(p, e));
    } else if ((st.mode & 0o004) === 0) out.push(p);
  };
  await walk(dir);
  return out;
}

/** Those of the folders that others cannot enter (no o+x). */
async function notSearchable(dirs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const d of dirs) if (((await fs.stat(d)).mode & 0o001) === 0) out.push(d);
  return out;
}

/** Folders created by mkdir -p get the umask's mode: those publish creates are made searchable by others. */
async function mkdirSearchable(dir: string): Promise<void> {
  const first = await fs.mkdir(dir, { recursive: true });
  if (!first) return;
  for (let d = dir; ; d = path.dirname(d)) {
    const st = await fs.stat(d);
    await fs.chmod(d, (st.mode & 0o7777) | 0o055);
    if (d === first || d === path.dirname(d)) break;
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
  const refused = webRootProblem(opts.webRoot);
  if (refused) throw refused;
  const webRoot = path.resolve(opts.webRoot);
  await mkdirSearchable(path.join(webRoot, RELEASES));
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
      // nginx's workers are another user: the release must be readable by others whatever the umask was
      await makeWorldReadable(built);
      const unreadable = [...(await notSearchable([webRoot, path.join(webRoot, RELEASES)])), ...(await notWorldReadable(built))];
      if (unreadable.length) {
        throw new Problem(`nginx's workers (another user) could not read ${unreadable.join(", ")}; nothing was published`, { hint: "chmod o+rX them (folders need o+x, files o+r)" });
      }
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
  const refused = webRootProblem(webRootIn);
  if (refused) throw refused;
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
