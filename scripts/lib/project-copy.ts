// For tests that run the real commands end to end: a throwaway copy of the project (sources only,
// node_modules linked, committed to a fresh git repo because the site reads lastmod from git), and a
// listing of a folder's files (path, size, mtime) to prove that a failed command left it untouched.
import { promises as fs } from "node:fs";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import path from "node:path";
import { root } from "./paths.ts";

const SKIP = new Set(["node_modules", "public", ".tmp", ".git", "test-results", "playwright-report", "assets", "bench", "resources"]);

export async function copyProject(dest: string): Promise<void> {
  await fs.cp(root, dest, { recursive: true, filter: (src) => !SKIP.has(path.relative(root, src).split(path.sep)[0] ?? "") });
  await fs.symlink(path.join(root, "node_modules"), path.join(dest, "node_modules"));
  const git = (...args: string[]) => spawnSync("git", ["-c", "user.email=t@example.org", "-c", "user.name=t", ...args], { cwd: dest });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "copy");
}

/** Runs one of the project's .ts scripts in `cwd` with node + tsx. */
export function runScript(cwd: string, script: string, args: string[] = []): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
}

/** Every file below dir as "relative/path size mtime", sorted; links are listed, not followed. */
export async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else {
        const st = await fs.lstat(p);
        out.push(`${path.relative(dir, p)} ${st.size} ${st.mtimeMs}`);
      }
    }
  };
  await walk(dir);
  return out.sort();
}
