// A throwaway copy of the project, for tests that run the real commands end to end and for the bench:
// the sources a build reads (an allow-list: config, content, data, theme, static, i18n, the scripts),
// node_modules linked, committed to a fresh git repository (the site reads lastmod from git). Build
// output and caches (public/, assets/dist/, .tmp/, .tools/) are not copied. Also: running a script in
// the copy, and a listing of a folder's files to prove that a failed command left it untouched.
import { promises as fs } from "node:fs";
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import path from "node:path";
import { root } from "../config/paths.ts";

/** What a build reads, relative to the project root; anything else stays behind. */
export const SOURCES = [
  "hugo.toml",
  "package.json",
  "tsconfig.json",
  "tsconfig.base.json",
  "tsconfig.browser.json",
  "content",
  "data",
  "themes",
  "static",
  "i18n",
  "layouts",
  "archetypes",
  "scripts",
  "assets",
];
/** Inside the sources: the site's own asset build output (the theme's shipped bundles are sources). */
const OUTPUT = ["assets/dist"];

/** Copies the project at `from` (default: this one) into dest, links node_modules, and commits it. */
export async function copyProject(dest: string, from = root): Promise<void> {
  await fs.mkdir(dest, { recursive: true });
  const skip = new Set(OUTPUT.map((p) => path.join(from, p)));
  for (const name of SOURCES) {
    const src = path.join(from, name);
    try {
      await fs.access(src);
    } catch {
      continue;
    }
    await fs.cp(src, path.join(dest, name), { recursive: true, filter: (p) => !skip.has(p) && path.basename(p) !== "node_modules" && path.basename(p) !== ".git" });
  }
  await fs.symlink(path.join(from, "node_modules"), path.join(dest, "node_modules"), "dir");
  // current Hugo from npm run setup, so the copy builds with the same Hugo as the project (only Hugo:
  // .tools/scripts holds compiled scripts that belong to their own project)
  try {
    await fs.access(path.join(from, ".tools/hugo"));
    await fs.mkdir(path.join(dest, ".tools"), { recursive: true });
    await fs.symlink(path.join(from, ".tools/hugo"), path.join(dest, ".tools/hugo"), "dir");
  } catch {
    // no .tools/hugo (setup not run): the copy uses what hugoBin finds
  }
  git(dest, ["init", "-q"]);
  commitAll(dest, "copy");
}

/** Commits everything in the copy (e.g. after adding posts), so Hugo's git info covers the new files too. */
export function commitAll(dir: string, message: string): void {
  git(dir, ["add", "-A"]);
  git(dir, ["-c", "user.name=copy", "-c", "user.email=copy@localhost", "commit", "-q", "-m", message]);
}

function git(cwd: string, args: string[]): void {
  execFileSync("git", args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
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
