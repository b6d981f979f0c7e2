// Whole commands as a user waits for them: wall time from spawn to exit (and, with GNU time, the CPU time
// of the command and everything it waited for), time to the first page a dev server serves, and runs of
// several commands interleaved so that they see the same machine load.
import { spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface CommandRun {
  /** wall-clock ms from spawn to exit */
  ms: number;
  /** user + system CPU ms of the command and its waited-for children (GNU time), when /usr/bin/time exists */
  cpuMs?: number;
  maxRssKiB?: number;
}

const GNU_TIME = "/usr/bin/time";

/** Parses GNU time's "-f '%e %U %S %M'" line (the last such line: the command's own output may precede it). */
export function parseTimeLine(text: string): { cpuMs: number; maxRssKiB: number } | undefined {
  const line = text
    .trim()
    .split("\n")
    .filter((l) => /^[\d.]+ [\d.]+ [\d.]+ \d+$/.test(l.trim()))
    .at(-1);
  if (!line) return undefined;
  const [, user, sys, rss] = line.trim().split(" ").map(Number) as [number, number, number, number];
  return { cpuMs: Math.round(1000 * (user + sys)), maxRssKiB: rss };
}

/** Runs cmd to its end and times it; rejects with its output when it fails. */
export async function timeCommand(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CommandRun> {
  const withTime = existsSync(GNU_TIME);
  const log = path.join(os.tmpdir(), `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}.log`);
  const [file, argv] = withTime ? [GNU_TIME, ["-f", "%e %U %S %M", "-o", log, cmd, ...args]] : [cmd, args];
  const t = performance.now();
  const out = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
    const child = spawn(file, argv, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.stderr.on("data", (d: Buffer) => (text += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, text }));
  });
  const ms = performance.now() - t;
  const times = withTime ? parseTimeLine(await fs.readFile(log, "utf8").catch(() => "")) : undefined;
  await fs.rm(log, { force: true });
  if (out.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${out.code}):\n${out.text.slice(-4000)}`);
  return { ms, ...(times ?? {}) };
}

/**
 * Starts a server command in its own process group, times spawn -> the first 200 answer from `url`,
 * then stops the whole group (the command and what it started) and waits until it is gone.
 */
export async function timeFirstPage(cmd: string, args: string[], opts: { cwd: string; url: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<number> {
  const t = performance.now();
  const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let text = "";
  child.stdout?.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (text += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  const deadline = t + (opts.timeoutMs ?? 60_000);
  try {
    for (;;) {
      if (exited) throw new Error(`${cmd} ${args.join(" ")} exited before serving ${opts.url}:\n${text.slice(-4000)}`);
      if (performance.now() > deadline) throw new Error(`${cmd} served nothing at ${opts.url} within ${opts.timeoutMs ?? 60_000} ms:\n${text.slice(-4000)}`);
      const res = await fetch(opts.url, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
      if (res) {
        const body = await res.text();
        if (res.status === 200 && /<html/i.test(body)) return performance.now() - t;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await stopGroup(child.pid, exit);
  }
}

/** SIGTERM to the process group `pid` leads; SIGKILL if it is still there after 10 s. */
async function stopGroup(pid: number | undefined, exit: Promise<void>): Promise<void> {
  if (!pid) return;
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const until = Date.now() + 10_000;
  await Promise.race([exit, new Promise((r) => setTimeout(r, 10_000))]);
  while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  if (alive()) process.kill(-pid, "SIGKILL");
}

/**
 * Runs each variant `runs` times, interleaved (A B, B A, A B, ...: each round alternates which goes
 * first, so neither always runs right after the other), and returns each variant's results in order.
 */
export async function interleave<T>(variants: Record<string, () => Promise<T>>, runs: number, onRun?: (name: string, i: number, r: T) => void): Promise<Record<string, T[]>> {
  const names = Object.keys(variants);
  const out: Record<string, T[]> = Object.fromEntries(names.map((n) => [n, [] as T[]]));
  for (let i = 0; i < runs; i++) {
    for (const n of i % 2 ? [...names].reverse() : names) {
      const r = await (variants[n] as () => Promise<T>)();
      (out[n] as T[]).push(r);
      onRun?.(n, i, r);
    }
  }
  return out;
}
