// Runs hugo; fails with its own message (which names the file) and a non-zero exit.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { root } from "../config/paths.ts";

/** Where npm run setup unpacks current Hugo from Debian unstable (git-ignored). */
export const currentHugo = path.join(root, ".tools/hugo/usr/bin/hugo");
/** Debian stable's Hugo, the theme's min_version line (0.111). */
export const stableHugo = "/usr/bin/hugo";

/**
 * The hugo binary the scripts run: $HUGO_BIN when set (e.g. HUGO_BIN=/usr/bin/hugo for Debian stable's
 * 0.111.3), else current Hugo as npm run setup fetched it, else whatever `hugo` is on the PATH.
 */
export function hugoBin(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HUGO_BIN) return env.HUGO_BIN;
  return existsSync(currentHugo) ? currentHugo : "hugo";
}

export class HugoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HugoError";
  }
}

/** "ERROR 2026/01/01 12:00:00 "/abs/content/x.md:3:1": msg" -> "ERROR content/x.md:3:1: msg" */
function tidy(line: string): string {
  return line
    .replace(/^(ERROR|WARN) \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, "$1 ")
    .replace(/"([^"]+:\d+:\d+)":/g, (_m, loc: string) => `${loc.startsWith(root) ? loc.slice(root.length + 1) : loc}:`);
}

/**
 * Go's garbage collector settings for hugo, unless the caller's environment sets them. Hugo keeps every
 * page in memory and allocates a lot while rendering: with Go's default (GOGC=100) about 15% of its CPU
 * time went to garbage collection at 5,000 posts per language. GOGC=200 collects half as often; the soft
 * limit GOMEMLIMIT makes it collect sooner when the heap nears 800 MiB, so peak memory stays below 1 GiB
 * (npm run bench, scale rows). A site whose live heap exceeds the limit still builds, with more frequent GC.
 */
export const HUGO_GC_ENV = { GOGC: "200", GOMEMLIMIT: "800MiB" } as const;

export function hugoEnv(base: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...base, ...extra };
  for (const [k, v] of Object.entries(HUGO_GC_ENV)) if (env[k] === undefined || env[k] === "") env[k] = v;
  return env;
}

/** Runs hugo; resolves with its WARN lines. `signal` stops it (the promise then rejects). */
export function runHugo(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(hugoBin({ ...process.env, ...opts.env }), args, { cwd: opts.cwd ?? root, env: hugoEnv(process.env, opts.env), stdio: ["ignore", "pipe", "pipe"], ...(opts.signal ? { signal: opts.signal } : {}) });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", (e) => reject(e.name === "AbortError" ? new HugoError("hugo stopped") : new HugoError(`hugo could not be started (${e.message}); run npm run setup`)));
    child.on("close", (code) => {
      // Hugo prints ERROR/WARN lines on stdout or stderr (by version). Errors fail the build;
      // warnings are passed on (the build prints them) — e.g. config values the owner still has to fill in.
      const all = `${out}\n${err}`;
      const problems = all.split("\n").filter((l) => /^(ERROR|WARN|Error)\b/.test(l));
      if (code === 0 && !problems.some((l) => /^ERROR/.test(l))) resolve(problems.map(tidy).join("\n"));
      else reject(new HugoError(problems.length ? problems.map(tidy).join("\n") : all.trim() || `hugo exited with ${code}`));
    });
  });
}
