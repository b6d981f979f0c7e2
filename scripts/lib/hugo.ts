// Runs Debian's hugo; fails with its own message (which names the file) and a non-zero exit.
import { spawn } from "node:child_process";
import { root } from "./paths.ts";

export class HugoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HugoError";
  }
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
      // Hugo prints ERROR/WARN lines on stderr; warnings about the content are errors for us.
      if (code === 0 && !/^(ERROR|WARN)/m.test(err)) resolve(out + err);
      else reject(new HugoError((err || out).trim() || `hugo exited with ${code}`));
    });
  });
}
