// Runs Debian's hugo; fails with its own message (which names the file) and a non-zero exit.
import { spawn } from "node:child_process";
import { root } from "./paths.ts";

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

export function runHugo(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("hugo", args, { cwd: opts.cwd ?? root, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", (e) => reject(new HugoError(`hugo could not be started (${e.message}); run npm run setup`)));
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
