// Runs hugo. Its ERROR lines become Problems at the file, line and column Hugo names; its WARN lines
// are passed on in the same format.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { root } from "../config/paths.ts";
import { Problem, ProblemList, formatProblem } from "../config/problem.ts";

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

export interface HugoLine {
  level: "ERROR" | "WARN";
  problem: Problem;
}

/**
 * One ERROR/WARN line of Hugo's output as a Problem:
 *   `ERROR 2026/01/01 12:00:00 "/abs/content/x.md:3:1": msg` (0.111) or `ERROR "/abs/content/x.md:3:1": msg`
 *   -> content/x.md:3:1 and "msg". The first "file:line:col" Hugo names (quoted, as Hugo writes it) is the
 *   location; the words around it stay the message. `Error: ...` (0.111's last line) counts as ERROR.
 */
export function parseHugoLine(line: string): HugoLine | undefined {
  const m = /^(ERROR|WARN)\s+(?:\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\s+)?(.*)$/.exec(line);
  if (!m && !/^Error\b/.test(line)) return undefined;
  const level = m?.[1] === "WARN" ? "WARN" : "ERROR";
  let text = m ? (m[2] as string) : line.replace(/^Error:\s*/, "");
  const at = /"([^"]+?):(\d+):(\d+)":\s*/.exec(text);
  if (!at) return { level, problem: new Problem(text) };
  text = text.slice(0, at.index) + text.slice(at.index + at[0].length);
  const file = path.isAbsolute(at[1] as string) ? (at[1] as string) : path.join(root, at[1] as string);
  return { level, problem: new Problem(text, { location: { file, line: Number(at[2]), column: Number(at[3]) } }) };
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

/** Runs hugo; resolves with its WARN lines (`WARN  file:line:col: message`), rejects with a ProblemList of its
 *  ERROR lines. `signal` stops it (the promise then rejects with the Problem "hugo stopped"). */
export function runHugo(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(hugoBin({ ...process.env, ...opts.env }), args, {
      cwd: opts.cwd ?? root,
      env: hugoEnv(process.env, opts.env),
      stdio: ["ignore", "pipe", "pipe"],
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", (e) => reject(e.name === "AbortError" ? new Problem("hugo stopped") : new Problem(`hugo could not be started (${e.message})`, { hint: "run npm run setup" })));
    child.on("close", (code) => {
      // Hugo prints ERROR/WARN lines on stdout or stderr (by version). Errors fail the build;
      // warnings are passed on (the build prints them) — e.g. config values the owner still has to fill in.
      const all = `${out}\n${err}`;
      const lines = all.split("\n").flatMap((l) => parseHugoLine(l) ?? []);
      const errors = lines.filter((l) => l.level === "ERROR").map((l) => l.problem);
      if (code === 0 && errors.length === 0) resolve(lines.map((l) => `WARN  ${formatProblem(l.problem)}`).join("\n"));
      else reject(new ProblemList(errors.length ? errors : [new Problem(all.trim() || `hugo exited with ${code}`)]));
    });
  });
}
