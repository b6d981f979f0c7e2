// Runs Debian's nginx as a child process with a generated configuration (tests and the e2e harness):
// `nginx -t` first (a bad configuration fails with nginx's own message), then
// `/usr/sbin/nginx -p <prefix> -c <conf> -g 'daemon off; pid <prefix>/nginx.pid;'`, waits until every
// port answers, and stop() ends exactly that process.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { promises as fs } from "node:fs";
import { freePort, answers } from "./ports.ts";
import path from "node:path";
import { Problem } from "../config/problem.ts";

export const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";

export interface NginxProcess {
  prefix: string;
  conf: string;
  pid: number;
  stop(): Promise<void>;
  errorLog(): Promise<string>;
}

export { freePort };

const globals = (prefix: string) => `daemon off; pid ${path.join(prefix, "nginx.pid")};`;

/** `nginx -t` on a configuration file; returns nginx's output, throws with it when the test fails. */
export function testConfig(conf: string, prefix: string): string {
  const r = spawnSync(NGINX, ["-t", "-p", prefix, "-c", conf, "-g", globals(prefix)], { encoding: "utf8" });
  if (r.error) throw new Problem(`nginx could not be started (${r.error.message})`, { hint: "run npm run setup" });
  const out = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0) throw new Problem(`nginx -t rejected ${conf}`, { location: { file: conf }, hint: out });
  return out;
}

export async function spawnNginx(opts: { prefix: string; config: string; ports: number[] }): Promise<NginxProcess> {
  const { prefix } = opts;
  await fs.mkdir(prefix, { recursive: true });
  const conf = path.join(prefix, "nginx.conf");
  await fs.writeFile(conf, opts.config);
  testConfig(conf, prefix);

  const child: ChildProcess = spawn(NGINX, ["-p", prefix, "-c", conf, "-g", globals(prefix)], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once("exit", (code) => ((exited = code), resolve())));
  const errorLog = () => fs.readFile(path.join(prefix, "error.log"), "utf8").catch(() => "");

  // wait until nginx answers on every port (or dies); 200 tries x 25 ms is a generous cap, not a timing assertion
  for (let i = 0; ; i++) {
    if (exited !== undefined) throw new Problem(`nginx exited (${exited}) before listening`, { hint: `${stderr}${await errorLog()}`.trim() });
    const ok = await Promise.all(opts.ports.map((p) => answers(p)));
    if (ok.every(Boolean)) break;
    if (i >= 200) {
      child.kill("SIGKILL");
      throw new Problem(`nginx did not answer on ${opts.ports.join(", ")}`, { hint: `${stderr}${await errorLog()}`.trim() });
    }
    await new Promise((r) => setTimeout(r, 25));
  }

  return {
    prefix,
    conf,
    pid: child.pid ?? -1,
    errorLog,
    async stop() {
      if (exited === undefined) {
        child.kill("SIGTERM"); // fast shutdown; the master takes its workers with it
        // a master that does not end within 10 s is killed (cleanup only; nothing is measured)
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exit;
        clearTimeout(timer);
      }
    },
  };
}
