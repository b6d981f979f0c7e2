// Publishing to web hosts over ssh: the same layout as a local publish (releases.ts) on every host,
//   <path>/releases/<timestamp>/   <path>/current -> releases/<timestamp>
// The host needs sshd, rsync and a POSIX shell with GNU coreutils (mv -T); no Node, nothing is built there.
//
// One release for every host, switched on all of them or on none:
//   1. prepare   each host: take the lock (mkdir <path>/.publish.lock, atomic; owner "<machine> <pid>"),
//                read the live release and the release list, clear <path>/.staging;
//   2. upload    each host: rsync the local build into <path>/.staging/<name> with --link-dest against
//                the live release (unchanged files become hard links: they cost no transfer and no space),
//                modes D755/F644 whatever the umask; then check it is complete and world-readable and move
//                it into releases/ (never live yet);
//   3. switch    only when every upload finished: current is replaced atomically on each host (a new
//                symlink under a temporary name, then mv -T = rename()); if one switch fails, the hosts
//                already switched are switched back, and so is the failing host unless it said current
//                is unchanged (a connection lost after the rename);
//   4. check     the health check fetches the configured pages through each host's web server; any
//                failure switches every host back to its previous release;
//   5. prune + unlock.
// A step that fails leaves the live release in place on every host and says per host what happened.
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Problem } from "../config/problem.ts";
import { holderMayBeAlive, releaseName, sortReleases, webRootProblem } from "./releases.ts";

export interface SshTarget {
  /** as written: ssh://user@host[:port]/path */
  label: string;
  user?: string;
  host: string;
  port?: number;
  path: string;
}

/** A host: where to publish, and the base URL of its web server for the health check (none: not checked). */
export interface HostSpec {
  target: string;
  url?: string;
}

export const isSshTarget = (s: string): boolean => s.startsWith("ssh://");

/** ssh://user@host[:port]/absolute/path -> its parts; throws a Problem naming what is wrong. */
export function parseSshTarget(s: string): SshTarget {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new Problem(`${s}: not a URL; a host is ssh://user@host[:port]/path/to/web-root`);
  }
  if (u.protocol !== "ssh:" || !u.hostname) throw new Problem(`${s}: a host is ssh://user@host[:port]/path/to/web-root`);
  const p = decodeURIComponent(u.pathname);
  if (!p || p === "/") throw new Problem(`${s}: no web root path (ssh://user@host[:port]/var/www/site)`);
  if (u.password) throw new Problem(`${s}: no password in the URL; ssh logs in with a key`);
  const refused = webRootProblem(p);
  if (refused) throw new Problem(`${s}: ${refused.message}`, refused.hint ? { hint: refused.hint } : {});
  return {
    label: s,
    ...(u.username ? { user: decodeURIComponent(u.username) } : {}),
    host: u.hostname.replace(/^\[|\]$/g, ""),
    ...(u.port ? { port: Number(u.port) } : {}),
    path: p.replace(/\/+$/, ""),
  };
}

/** POSIX shell single quotes. */
export const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The ssh command line: --ssh / PUBLISH_SSH (e.g. "ssh -i key -o UserKnownHostsFile=…"), split on spaces, plus
 *  options that make a lost or silent connection fail instead of hanging, and no password prompt. With
 *  controlDir, the calls of one run share one connection per host (ControlMaster), closed by closeMaster. */
export function sshArgv(ssh: string, controlDir?: string): string[] {
  const base = ssh.trim().split(/\s+/).filter(Boolean);
  const mux = controlDir ? ["-o", "ControlMaster=auto", "-o", `ControlPath=${controlDir}/%C`, "-o", "ControlPersist=300"] : [];
  return [...base, "-o", "BatchMode=yes", "-o", "ConnectTimeout=15", "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3", ...mux];
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function spawnCollect(argv: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(argv[0] as string, argv.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) => resolve({ code: 127, stdout, stderr: `${stderr}${e.message}` }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    child.stdin.on("error", () => {}); // the far end may close early (refused login)
    child.stdin.end(input ?? "");
  });
}

// ---- the shell scripts run on a host (sh -s -- args; stdout lines key=value) -------------------------

const PREPARE = `set -u
umask 022
root=$1; owner=$2
mkdir -p "$root/releases" || exit 10
if ! mkdir "$root/.publish.lock" 2>/dev/null; then
  printf 'locked=%s\\n' "$(cat "$root/.publish.lock/owner" 2>/dev/null)"; exit 11
fi
printf '%s\\n' "$owner" > "$root/.publish.lock/owner"
if [ -e "$root/current" ] && [ ! -L "$root/current" ]; then echo notlink=1; exit 12; fi
if [ -L "$root/current" ]; then printf 'live=%s\\n' "$(basename "$(readlink "$root/current")")"; fi
for d in "$root" "$root/releases"; do
  [ -n "$(find "$d" -maxdepth 0 -perm -001)" ] || printf 'unsearchable=%s\\n' "$d"
done
for r in "$root"/releases/*; do [ -d "$r" ] && printf 'release=%s\\n' "$(basename "$r")"; done
rm -rf "$root/.staging" && mkdir "$root/.staging" || exit 13
echo ready=1
`;

const FINISH = `set -u
root=$1; name=$2; s="$root/.staging/$name"
[ -f "$s/index.html" ] || { echo noindex=1; exit 20; }
find "$s" \\( -type d ! -perm -005 \\) -o \\( -type f ! -perm -004 \\) | head -n 5 | sed 's/^/unreadable=/' | grep . && exit 21
mv "$s" "$root/releases/$name" || exit 22
echo uploaded=1
`;

const SWITCH = `set -u
root=$1; name=$2
if [ -z "$name" ]; then rm -f "$root/current" && echo switched=none; exit; fi
[ -d "$root/releases/$name" ] || { echo missing=1; echo unchanged=1; exit 30; }
tmp="$root/.current.$$.tmp"
rm -f "$tmp"
ln -s "releases/$name" "$tmp" && mv -T "$tmp" "$root/current" || { rm -f "$tmp"; echo unchanged=1; exit 31; }
printf 'switched=%s\\n' "$name"
`;

/** removes the named releases (names checked to be release names), the staging folder, then the lock if it is ours */
const FINISH_UP = `set -u
root=$1; owner=$2; shift 2
for n in "$@"; do
  case $n in ''|*[!0-9-]*) continue ;; esac
  rm -rf "$root/releases/$n"
done
rm -rf "$root/.staging"
[ "$(cat "$root/.publish.lock/owner" 2>/dev/null)" = "$owner" ] && rm -rf "$root/.publish.lock"
echo done=1
`;

const BREAK_LOCK = `set -u
[ "$(cat "$1/.publish.lock/owner" 2>/dev/null)" = "$2" ] && rm -rf "$1/.publish.lock"
`;

// ---- one host ------------------------------------------------------------------------------------

export class Host {
  readonly target: SshTarget;
  readonly url: string | undefined;
  /** the live release before this run (undefined: nothing was live) */
  previous: string | undefined;
  releases: string[] = [];
  /** what happened, for the report */
  state = "not reached";
  locked = false;
  switched = false;
  /** after a failed switchTo: true when the host said current was left as it was (the rename failed there),
   *  false when that is unknown (the connection may have been lost after the rename) */
  switchUnchanged = false;
  private readonly ssh: string[];
  private readonly owner: string;

  constructor(spec: HostSpec, ssh: string, owner: string, controlDir?: string) {
    this.target = parseSshTarget(spec.target);
    this.url = spec.url;
    this.ssh = sshArgv(ssh, controlDir);
    this.owner = owner;
  }

  /** Ends the shared connection (ControlMaster) of this run, if one was opened. */
  async closeMaster(): Promise<void> {
    await spawnCollect([...this.ssh, "-O", "exit", ...this.destination()]);
  }

  get label(): string {
    return this.target.label;
  }

  private destination(): string[] {
    const t = this.target;
    return [...(t.port ? ["-p", String(t.port)] : []), t.user ? `${t.user}@${t.host}` : t.host];
  }

  /** Runs a script on the host with sh; its stdout's key=value lines, and the exit code. */
  async sh(script: string, args: string[]): Promise<{ code: number; out: Map<string, string[]>; stderr: string }> {
    const r = await spawnCollect([...this.ssh, ...this.destination(), `sh -s -- ${args.map(shq).join(" ")}`], script);
    const out = new Map<string, string[]>();
    for (const line of r.stdout.split("\n")) {
      const m = /^([a-z]+)=(.*)$/.exec(line);
      if (m) out.set(m[1] as string, [...(out.get(m[1] as string) ?? []), m[2] as string]);
    }
    return { code: r.code, out, stderr: r.stderr.trim() };
  }

  private fail(what: string, r: { code: number; stderr: string }): never {
    // ssh's own failures (refused login, no route, lost connection) exit 255 with ssh's message
    const why = r.stderr.split("\n").filter(Boolean).slice(-2).join("; ") || `exit ${r.code}`;
    throw new Problem(`${this.label}: ${what} (${why})`);
  }

  /** Takes the lock and reads what is live; a lock left by a finished run of this machine is broken once. */
  async prepare(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const r = await this.sh(PREPARE, [this.target.path, this.owner]);
      if (r.code === 11) {
        const holder = r.out.get("locked")?.[0] ?? "";
        const [machine, pid] = holder.split(" ");
        if (attempt === 0 && machine === os.hostname() && !holderMayBeAlive(Number(pid))) {
          await this.sh(BREAK_LOCK, [this.target.path, holder]);
          continue;
        }
        throw new Problem(`${this.label}: another publish is running (${holder || "owner unknown"})`, { hint: `if none is, remove ${this.target.path}/.publish.lock on the host` });
      }
      if (r.code === 0 || r.code === 12) this.locked = true;
      if (r.code === 12) throw new Problem(`${this.label}: ${this.target.path}/current is not a symlink`, { hint: "move it away (publish manages current -> releases/<timestamp>)" });
      if (r.code !== 0 || !r.out.has("ready")) this.fail("could not prepare the web root", r);
      const unsearchable = r.out.get("unsearchable") ?? [];
      if (unsearchable.length) throw new Problem(`${this.label}: nginx's workers (another user) cannot enter ${unsearchable.join(", ")}`, { hint: "chmod o+x them" });
      this.previous = r.out.get("live")?.[0];
      this.releases = sortReleases(r.out.get("release") ?? []);
      return;
    }
  }

  /** rsync the local build into .staging/<name>, then check it and move it into releases/. */
  async upload(localDir: string, name: string): Promise<void> {
    const t = this.target;
    const rsh = [...this.ssh, ...(t.port ? ["-p", String(t.port)] : [])].join(" ");
    const remote = `${t.user ? `${t.user}@` : ""}${t.host.includes(":") ? `[${t.host}]` : t.host}:${t.path}/.staging/${name}/`;
    // -c: compare by content (a new build has new mtimes); no -t, so an unchanged file matches the live
    // release's copy in every preserved attribute and is hard-linked from it
    const args = ["-rlpc", "--chmod=D755,F644", "--delete", ...(this.previous ? [`--link-dest=${t.path}/releases/${this.previous}`] : []), "-e", rsh, `${localDir}/`, remote];
    const r = await spawnCollect(["rsync", ...args]);
    if (r.code !== 0) this.fail("upload failed, nothing switched", r);
    const f = await this.sh(FINISH, [t.path, name]);
    if (f.code === 21) throw new Problem(`${this.label}: nginx's workers could not read ${(f.out.get("unreadable") ?? []).join(", ")}`);
    if (f.code === 20) throw new Problem(`${this.label}: the upload has no index.html`);
    if (f.code !== 0 || !f.out.has("uploaded")) this.fail("could not move the upload into releases/", f);
  }

  /** Points current at releases/<name> (undefined: removes current, the state before a first publish). */
  async switchTo(name: string | undefined): Promise<void> {
    const r = await this.sh(SWITCH, [this.target.path, name ?? ""]);
    this.switchUnchanged = r.out.has("unchanged");
    if (r.code !== 0 || !r.out.has("switched")) this.fail(`could not switch current to ${name ?? "nothing"}`, r);
  }

  /** Removes the given releases and the staging folder, and releases the lock (best effort: returns the problem). */
  async finishUp(remove: string[]): Promise<string | undefined> {
    if (!this.locked) return undefined;
    const r = await this.sh(FINISH_UP, [this.target.path, this.owner, ...remove]);
    if (r.code !== 0 || !r.out.has("done")) return `could not clean up (${r.stderr || `exit ${r.code}`}); remove ${this.target.path}/.publish.lock by hand if no publish runs`;
    this.locked = false;
    return undefined;
  }

  /** Fetches each path through the host's web server; the failures ("path: status"), [] when all answer 200. */
  async health(paths: string[]): Promise<string[]> {
    if (!this.url) return [];
    const failures: string[] = [];
    for (const p of paths) {
      const url = new URL(p.replace(/^\//, ""), this.url.endsWith("/") ? this.url : `${this.url}/`);
      try {
        const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(15_000) });
        await res.arrayBuffer();
        if (res.status !== 200) failures.push(`${url.href} answered ${res.status}`);
      } catch (e) {
        failures.push(`${url.href}: ${(e as Error).message}`);
      }
    }
    return failures;
  }
}

// ---- all hosts -------------------------------------------------------------------------------------

export interface RemoteOptions {
  hosts: HostSpec[];
  /** the ssh command line, e.g. "ssh" or "ssh -i ~/.ssh/deploy" */
  ssh: string;
  /** releases to keep per host (the live one always stays); default 5 */
  keep?: number;
  /** the pages the health check fetches through each host's url, e.g. ["/", "/en/", "/.well-known/host-meta"] */
  healthPaths: string[];
  log?: (msg: string) => void;
  now?: () => Date;
}

/** One line per host: what happened there. */
function report(hosts: Host[], log: (m: string) => void, verb: string): void {
  for (const h of hosts) log(`${verb}: ${h.label}: ${h.state}`);
}

const owner = () => `${os.hostname()} ${process.pid}`;

/** Runs fn with one shared ssh connection per host (in a private folder), closed and removed afterwards. */
async function withConnections<T>(fn: (controlDir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-ssh-"));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Connects to every host and takes its lock; on any failure the locks taken are released and it throws. */
async function prepareAll(opts: RemoteOptions, log: (m: string) => void, verb: string, controlDir: string): Promise<Host[]> {
  const hosts = opts.hosts.map((h) => new Host(h, opts.ssh, owner(), controlDir));
  const seen = new Set<string>();
  for (const h of hosts) {
    const key = `${h.target.user ?? ""}@${h.target.host}:${h.target.port ?? 22}${h.target.path}`;
    if (seen.has(key)) throw new Problem(`${h.label} is named twice`);
    seen.add(key);
  }
  const results = await Promise.allSettled(hosts.map((h) => h.prepare()));
  const failed = results.flatMap((r, i) => (r.status === "rejected" ? [[hosts[i] as Host, r.reason as unknown] as const] : []));
  if (failed.length) {
    for (const [h, e] of failed) h.state = `refused: ${(e as Error).message.replace(`${h.label}: `, "")}`;
    for (const h of hosts) if (!failed.some(([f]) => f === h)) h.state = "connected; nothing changed (another host failed)";
    await Promise.all(hosts.map((h) => h.finishUp([])));
    await Promise.all(hosts.map((h) => h.closeMaster()));
    report(hosts, log, verb);
    throw new Problem(`${verb}: ${failed.length} of ${hosts.length} host(s) failed before anything was uploaded; no host was switched`);
  }
  return hosts;
}

/** Switches every host to to(host); if one fails, those already switched go back to back(host). */
async function switchAll(hosts: Host[], to: (h: Host) => string | undefined, back: (h: Host) => string | undefined): Promise<Problem | undefined> {
  for (const h of hosts) {
    try {
      await h.switchTo(to(h));
      h.switched = true;
    } catch (e) {
      const why = (e as Error).message.replace(`${h.label}: `, "");
      // unless the host said current is unchanged (e.g. the connection was lost after the rename), this host
      // may be switched: it is switched back too (a no-op if it was not); if that fails, its release is kept
      if (!h.switchUnchanged) h.switched = true;
      await switchBack(hosts, back, "another host's switch failed");
      h.state = `switch failed: ${why}; ${h.switched ? `COULD NOT MAKE SURE current is back on ${back(h) ?? "nothing"}` : `live: ${back(h) ?? "nothing"}`}`;
      const stuck = hosts.filter((x) => x.switched).map((x) => x.label);
      return new Problem(
        `${h.label}: the switch failed; ${stuck.length ? `NOT SURE ${stuck.join(", ")} went back to the previous release (see above)` : "every host that was switched is back on its previous release"}`,
      );
    }
  }
  return undefined;
}

async function switchBack(hosts: Host[], back: (h: Host) => string | undefined, why: string): Promise<void> {
  for (const h of hosts) {
    if (!h.switched) {
      if (!h.state.startsWith("switch failed")) h.state = `not switched (${why}); live: ${h.previous ?? "nothing"}`;
      continue;
    }
    try {
      await h.switchTo(back(h));
      h.switched = false;
      h.state = `switched back to ${back(h) ?? "nothing (current removed)"} (${why})`;
    } catch (e) {
      h.state = `COULD NOT SWITCH BACK to ${back(h) ?? "nothing"}: ${(e as Error).message}`;
    }
  }
}

/** Health check on every host; the failures, each "label: what". */
async function checkAll(hosts: Host[], paths: string[]): Promise<string[]> {
  const all = await Promise.all(hosts.map(async (h) => (await h.health(paths)).map((f) => `${h.label}: ${f}`)));
  return all.flat();
}

/**
 * Publishes the build in localDir to every host (see the top of this file). Returns the release name;
 * throws a Problem after reporting each host when the release did not go live everywhere.
 */
export async function publishRemote(localDir: string, opts: RemoteOptions): Promise<{ release: string }> {
  return withConnections((controlDir) => publishWith(localDir, opts, controlDir));
}

async function publishWith(localDir: string, opts: RemoteOptions, controlDir: string): Promise<{ release: string }> {
  const keep = opts.keep ?? 5;
  if (!Number.isInteger(keep) || keep < 1) throw new Problem(`--keep must be a whole number of 1 or more, got ${keep}`);
  const log = opts.log ?? (() => {});
  await fs.access(path.join(localDir, "index.html")).catch(() => {
    throw new Problem(`the build produced no index.html in ${localDir}; nothing was published`);
  });
  const hosts = await prepareAll(opts, log, "publish", controlDir);
  try {
    const base = releaseName((opts.now ?? (() => new Date()))());
    const existing = new Set(hosts.flatMap((h) => h.releases));
    let name = base;
    for (let i = 2; existing.has(name); i++) name = `${base}-${i}`;

    // 1. upload everywhere
    const up = await Promise.allSettled(hosts.map((h) => h.upload(localDir, name)));
    const failedUp = up.flatMap((r, i) => (r.status === "rejected" ? [[hosts[i] as Host, r.reason as Error] as const] : []));
    if (failedUp.length) {
      for (const h of hosts) h.state = `uploaded, not switched (another host's upload failed); live: ${h.previous ?? "nothing"}`;
      for (const [h, e] of failedUp) h.state = `${e.message.replace(`${h.label}: `, "")}; live: ${h.previous ?? "nothing"}`;
      await Promise.all(hosts.map((h) => h.finishUp([name])));
      report(hosts, log, "publish");
      throw new Problem(`publish: the upload failed on ${failedUp.length} of ${hosts.length} host(s); no host was switched, the live release is unchanged everywhere`);
    }

    // 2. switch everywhere, or back
    const switchProblem = await switchAll(
      hosts,
      () => name,
      (h) => h.previous,
    );
    if (switchProblem) {
      await Promise.all(hosts.map((h) => h.finishUp(h.switched ? [] : [name]))); // a host that could not go back keeps it
      report(hosts, log, "publish");
      throw switchProblem;
    }

    // 3. health check through each host's web server
    const sick = await checkAll(hosts, opts.healthPaths);
    if (sick.length) {
      for (const s of sick) log(`publish: health check failed: ${s}`);
      await switchBack(hosts, (h) => h.previous, "health check failed");
      await Promise.all(hosts.map((h) => h.finishUp(h.switched ? [] : [name])));
      report(hosts, log, "publish");
      throw new Problem(`publish: the health check failed (${sick.length} page(s)); every host was switched back to its previous release`, { hint: sick.slice(0, 5).join("\n") });
    }

    // 4. prune and unlock
    for (const h of hosts) {
      const all = sortReleases([...h.releases, name]);
      const keepSet = new Set(all.slice(-keep));
      keepSet.add(name);
      const removed = all.filter((r) => !keepSet.has(r));
      const problem = await h.finishUp(removed);
      h.state = `current -> releases/${name}${h.previous ? ` (was ${h.previous})` : ""}${h.url ? `, ${opts.healthPaths.length} page(s) healthy` : ", no url: not checked"}${removed.length ? `, removed ${removed.join(", ")}` : ""}${problem ? `; ${problem}` : ""}`;
    }
    report(hosts, log, "publish");
    return { release: name };
  } finally {
    await Promise.all(hosts.map((h) => h.finishUp([]))); // a lock still held after a crash in this function
    await Promise.all(hosts.map((h) => h.closeMaster()));
  }
}

/**
 * Points every host back at the release before its live one: all hosts or none (each host must have one),
 * then the health check, as for a publish. Throws after reporting each host when that failed.
 */
export async function rollbackRemote(opts: RemoteOptions): Promise<void> {
  return withConnections((controlDir) => rollbackWith(opts, controlDir));
}

async function rollbackWith(opts: RemoteOptions, controlDir: string): Promise<void> {
  const log = opts.log ?? (() => {});
  const hosts = await prepareAll(opts, log, "rollback", controlDir);
  try {
    const to = new Map<Host, string>();
    const missing: string[] = [];
    for (const h of hosts) {
      const i = h.previous ? h.releases.indexOf(h.previous) : -1;
      const before = i > 0 ? h.releases[i - 1] : undefined;
      if (before) to.set(h, before);
      else missing.push(`${h.label}: no release before ${h.previous ?? "(nothing is live)"}`);
    }
    if (missing.length) {
      for (const h of hosts) h.state = `unchanged; live: ${h.previous ?? "nothing"}`;
      report(hosts, log, "rollback");
      throw new Problem(`rollback: not every host has a release to go back to; no host was switched`, { hint: missing.join("\n") });
    }
    const problem = await switchAll(
      hosts,
      (h) => to.get(h),
      (h) => h.previous,
    );
    if (problem) {
      report(hosts, log, "rollback");
      throw problem;
    }
    const sick = await checkAll(hosts, opts.healthPaths);
    if (sick.length) {
      for (const s of sick) log(`rollback: health check failed: ${s}`);
      await switchBack(hosts, (h) => h.previous, "health check failed");
      report(hosts, log, "rollback");
      throw new Problem(`rollback: the health check failed (${sick.length} page(s)); every host is back on the release it had`, { hint: sick.slice(0, 5).join("\n") });
    }
    for (const h of hosts) h.state = `current -> releases/${to.get(h)} (was ${h.previous})`;
    report(hosts, log, "rollback");
  } finally {
    await Promise.all(hosts.map((h) => h.finishUp([])));
    await Promise.all(hosts.map((h) => h.closeMaster()));
  }
}
