// npm run bench: what the build costs and what a visitor gets, measured in one run. Prints tables and
// writes bench/results.json (git-ignored). See bench/README.md for what each figure means.
//   1. full build from clean (median of --runs, default 5): each pipeline step and its share; and the same
//      as a rebuild with unchanged theme assets (the asset step's cache), as after a content edit
//   2. Hugo alone on the same content (hugo --minify into a temp dir), and pipeline / Hugo
//   3. incremental asset rebuild in watch mode after editing one .ts and one .scss file (median of 10 each),
//      on a copy of the site so the working tree is never touched
//   4. per key page (home, technik, clients, register, a news post; de + en), served by nginx: transferred
//      bytes by type and requests (Playwright + chromium, scripts/perf/measure.ts), Lighthouse scores, FCP, LCP
//   5. scale: a copy of the site with 1,000 and 5,000 generated news posts per language: build time and
//      peak memory (the node pipeline and hugo measured separately)
//   6. whole commands as a user waits for them: `node scripts/run.mjs build` (npm run build without npm)
//      against `hugo --minify` alone, and `node scripts/run.mjs dev` against `hugo server`, spawn to first page
//   7. the theme against a bare theme (bench/bare-theme/) on the same copy with 1,000 posts per language,
//      `hugo --minify` both, whole processes
// Options: --runs N (full builds), --edits N (incremental), --scale 1000,5000, --scale-runs N,
//          --cmd-runs N (whole commands, 6), --dev-runs N (dev servers, 6), --bare-runs N, --bare-posts N (7),
//          --tmp DIR (where the site copies are built; default /dev/shm, see defaultWorkBase),
//          --skip pages,lighthouse,scale,watch,commands,dev,bare; --report prints the tables of bench/results.json again
// Internally it runs itself as a child (node scripts/run.mjs bench --child build|watch) inside the site copies.
import { promises as fs, readFileSync, constants as fsConstants } from "node:fs";
import path from "node:path";
import os from "node:os";
import { spawn, execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { build } from "./build/pipeline.ts";
import { runHugo, hugoBin } from "./build/hugo.ts";
import { root, tsDir, scssDir } from "./config/paths.ts";
import { watchAssets } from "./build/assets.ts";
import { median, medianByKey, shares, table } from "./perf/stats.ts";
import type { PageReport } from "./perf/measure.ts";
import { addPosts } from "./perf/posts.ts";
import { installBareTheme, BARE_THEME } from "./perf/bare-theme.ts";
import { timeCommand, timeFirstPage, interleave, type CommandRun } from "./perf/processes.ts";
import { freePort } from "./harness/ports.ts";
import { copyProject, commitAll } from "./harness/project-copy.ts";
import type { LhPageResult } from "./lighthouse.ts";
// Playwright, Lighthouse and the e2e harness are imported where they are used (main only), so the
// child processes that measure the build's memory do not load them.

const SKIPPABLE = ["pages", "lighthouse", "scale", "watch", "commands", "dev", "bare"];
const OPTIONS = {
  runs: { type: "string", default: "5" },
  edits: { type: "string", default: "10" },
  scale: { type: "string", default: "1000,5000" },
  "scale-runs": { type: "string", default: "1" },
  "cmd-runs": { type: "string", default: "7" },
  "dev-runs": { type: "string", default: "5" },
  "bare-runs": { type: "string", default: "5" },
  "bare-posts": { type: "string", default: "1000" },
  tmp: { type: "string" },
  skip: { type: "string", default: "" },
  report: { type: "boolean", default: false },
  // child modes (the bench runs itself inside the site copies)
  child: { type: "string" },
  dest: { type: "string" },
  resources: { type: "string" },
} as const;
const args = (() => {
  try {
    return parseArgs({ options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    console.error(`bench: ${(e as Error).message} (options: see bench/README.md)`);
    process.exit(2);
  }
})();
/** A positive whole number from option `name`, or a usage error naming it. */
function count(name: keyof typeof args, min = 1): number {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`bench: --${name} must be a whole number >= ${min}, not ${JSON.stringify(args[name])}`);
  return n;
}
const RESULT = "BENCH_RESULT ";
const benchDir = path.join(root, "bench");
const fmt = (ms: number) => ms.toFixed(ms < 10 ? 1 : 0);
const mib = (kib: number) => (kib / 1024).toFixed(0);

// ---------------------------------------------------------------- child modes (run inside a site copy)

/** One full build into a fresh folder; prints the step timings and this process's peak RSS. */
async function childBuild(): Promise<void> {
  const dest = args.dest;
  if (!dest) throw new Error("bench --child build needs --dest DIR");
  const cpu0 = process.cpuUsage();
  const { steps: timings, totalMs } = await build({ dest, log: () => {}, env: { HUGO_RESOURCEDIR: args.resources ?? `${dest}.resources` } });
  const cpu = process.cpuUsage(cpu0);
  const files = await countFiles(dest);
  const u = process.resourceUsage();
  console.log(RESULT + JSON.stringify({ timings, totalMs, maxRssKiB: u.maxRSS, cpuMs: (cpu.user + cpu.system) / 1000, ...files }));
}

/** Edits one .ts and one .scss file N times each under watchAssets and reports each rebuild. */
async function childWatch(): Promise<void> {
  const n = count("edits");
  const out = await fs.mkdtemp(path.join(os.tmpdir(), "bench-watch-"));
  const watcher = await watchAssets({ production: false, outDir: out }, () => {});
  const pick = async (dir: string, ext: string, prefer: string[]) => {
    for (const p of prefer) {
      const f = path.join(dir, p);
      if (
        await fs.access(f).then(
          () => true,
          () => false,
        )
      )
        return f;
    }
    const all = (await fs.readdir(dir, { recursive: true }))
      .map(String)
      .filter((f) => f.endsWith(ext) && !f.endsWith(".test.ts"))
      .sort();
    return path.join(dir, all[0] as string);
  };
  const files = { ts: await pick(tsDir, ".ts", ["features/copy.ts", "main.ts"]), scss: await pick(scssDir, ".scss", ["components/_buttons.scss", "main.scss"]) };
  const originals = { ts: await fs.readFile(files.ts, "utf8"), scss: await fs.readFile(files.scss, "utf8") };
  const result: Record<"ts" | "scss", { file: string; ms: number[]; latency: number[] }> = {
    ts: { file: path.relative(root, files.ts), ms: [], latency: [] },
    scss: { file: path.relative(root, files.scss), ms: [], latency: [] },
  };
  const waitFor = async (kind: "ts" | "scss") => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const r = await Promise.race([watcher.nextRebuild(), new Promise<null>((res) => setTimeout(() => res(null), Math.max(0, deadline - Date.now())))]);
      if (!r) throw new Error(`no ${kind} rebuild within 15 s`);
      if (r.error) throw new Error(r.error);
      if (r.kind === kind) return r;
    }
  };
  try {
    for (const kind of ["ts", "scss"] as const) {
      for (let i = 0; i < n; i++) {
        await new Promise((r) => setTimeout(r, 100)); // let the watchers settle between edits
        const next = waitFor(kind);
        const t = performance.now();
        await fs.writeFile(files[kind], `${originals[kind]}\n/* bench edit ${i} */\n`);
        const r = await next;
        result[kind].latency.push(performance.now() - t);
        result[kind].ms.push(r.ms);
      }
    }
  } finally {
    await fs.writeFile(files.ts, originals.ts);
    await fs.writeFile(files.scss, originals.scss);
    await new Promise((r) => setTimeout(r, 300));
    await watcher.close();
    await fs.rm(out, { recursive: true, force: true });
  }
  console.log(RESULT + JSON.stringify(result));
}

async function countFiles(dir: string): Promise<{ htmlFiles: number; files: number }> {
  let htmlFiles = 0;
  let files = 0;
  for (const f of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!f.isFile()) continue;
    files++;
    if (f.name.endsWith(".html")) htmlFiles++;
  }
  return { htmlFiles, files };
}

// ---------------------------------------------------------------- helpers of the main run

/**
 * Where the site copies are built: a RAM file system (/dev/shm) when there is one, else the system's
 * temporary folder; --tmp DIR chooses. On this project's VMs the disk is ext4 without a journal, whose
 * inode allocator skips inodes freed in the last minutes: creating the 42,000 files of the 5,000-post
 * build took 0.8 s or 8 s depending on how many files the machine had just deleted (perf: the time is in
 * the kernel's recently_deleted()). On tmpfs the figures are what the pipeline costs; bench/README.md has
 * both.
 */
async function defaultWorkBase(): Promise<string> {
  try {
    await fs.access("/dev/shm", fsConstants.W_OK);
    if (await isTmpfs("/dev/shm")) return "/dev/shm";
  } catch {
    // no /dev/shm
  }
  return os.tmpdir();
}

async function isTmpfs(dir: string): Promise<boolean> {
  const TMPFS_MAGIC = 0x01021994;
  try {
    return (await fs.statfs(dir)).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}

/** A folder with a `hugo` that runs the real one under /usr/bin/time, appending "maxRSS-KiB wall-s user-s sys-s" to a log. */
async function hugoWrapper(dir: string): Promise<{ env: NodeJS.ProcessEnv; log: string }> {
  const real = execFileSync("sh", ["-c", `command -v "$0"`, hugoBin()], { encoding: "utf8" }).trim();
  const bin = path.join(dir, "bin");
  await fs.mkdir(bin, { recursive: true });
  const log = path.join(dir, "hugo-time.log");
  await fs.writeFile(path.join(bin, "hugo"), `#!/bin/sh\nexec /usr/bin/time -f "%M %e %U %S" -a -o "${log}" "${real}" "$@"\n`, { mode: 0o755 });
  return { env: { PATH: `${bin}:${process.env.PATH ?? ""}`, HUGO_BIN: path.join(bin, "hugo") }, log };
}

/** Peak RSS (KiB) and CPU time (ms) of the last hugo run logged by the wrapper. */
function lastHugo(log: string): { rssKiB: number; cpuMs: number } | undefined {
  try {
    const lines = readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .filter((l) => /^\d+ [\d.]+ [\d.]+ [\d.]+$/.test(l));
    const last = lines.at(-1)?.split(" ").map(Number);
    return last ? { rssKiB: last[0] as number, cpuMs: 1000 * ((last[2] as number) + (last[3] as number)) } : undefined;
  } catch {
    return undefined;
  }
}

/** The bundles the bench runs in a site copy, compiled before anything is measured there (scripts/run.mjs). */
const COPY_SCRIPTS = ["bench", "build", "dev"];

/** Compiles `names` in the project at siteRoot (node scripts/run.mjs --compile), so that no measured run compiles. */
async function compileScripts(siteRoot: string, names = COPY_SCRIPTS): Promise<CommandRun> {
  return timeCommand(process.execPath, [path.join(siteRoot, "scripts/run.mjs"), "--compile", ...names], { cwd: siteRoot });
}

/** Runs this script as a child in the site copy at siteRoot (node scripts/run.mjs bench ...) and returns its BENCH_RESULT. */
function runChild<T>(siteRoot: string, childArgs: string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(siteRoot, "scripts/run.mjs"), "bench", ...childArgs], { cwd: siteRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT.length)) as T);
      else reject(new Error(`bench child ${childArgs.join(" ")} failed (${code}):\n${err || out}`));
    });
  });
}

interface BuildRun {
  /** per step (steps overlap: config, content and assets run together, asset twins during hugo) */
  timings: Record<string, number>;
  /** wall-clock time of the build */
  totalMs: number;
  maxRssKiB: number;
  htmlFiles: number;
  files: number;
  hugoRssKiB?: number;
  /** CPU time (user + system) of hugo, and of the node pipeline process (esbuild and sass run in their own processes) */
  hugoCpuMs?: number;
  cpuMs: number;
  total: number;
}

/** Builds siteRoot `runs` times, each in a new process into a new folder; clean: without assets/dist (no asset cache). */
async function buildRuns(siteRoot: string, runs: number, work: string, wrapper: { env: NodeJS.ProcessEnv; log: string }, label: string, clean: boolean): Promise<BuildRun[]> {
  const out: BuildRun[] = [];
  for (let i = 0; i < runs; i++) {
    const dest = path.join(work, `${label}-${i}`);
    if (clean) await fs.rm(path.join(siteRoot, "assets/dist"), { recursive: true, force: true });
    const r = await runChild<Omit<BuildRun, "total">>(siteRoot, ["--child", "build", "--dest", dest], wrapper.env);
    const h = lastHugo(wrapper.log);
    const total = r.totalMs;
    out.push({ ...r, total, ...(h ? { hugoRssKiB: h.rssKiB, hugoCpuMs: h.cpuMs } : {}) });
    console.log(
      `  ${label} run ${i + 1}/${runs}: ${fmt(total)} ms (${Object.entries(r.timings)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(", ")})`,
    );
    // outputs stay until the bench ends (the work folder is removed then): on a disk like this VM's,
    // deleting 42,000 files slows the file creation of the next build (see defaultWorkBase)
  }
  return out;
}

/** `hugo --minify` alone, as the pipeline runs it (production environment), into a fresh folder. */
async function hugoAlone(siteRoot: string, runs: number, work: string, wrapper: { env: NodeJS.ProcessEnv; log: string }): Promise<{ ms: number[]; rssKiB: number[]; cpuMs: number[] }> {
  const ms: number[] = [];
  const rssKiB: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dest = path.join(work, `hugo-${i}`);
    const t = performance.now();
    await runHugo(["--minify", "--destination", dest, "--cleanDestinationDir"], {
      cwd: siteRoot,
      env: { HUGO_ENVIRONMENT: "production", HUGO_RESOURCEDIR: `${dest}.resources`, ...wrapper.env },
    });
    ms.push(performance.now() - t);
    const h = lastHugo(wrapper.log);
    if (h) {
      rssKiB.push(h.rssKiB);
      cpuMs.push(h.cpuMs);
    }
  }
  return { ms, rssKiB, cpuMs };
}

interface PageFigures {
  name: string;
  lang: string;
  path: string;
  requests: number;
  transferred: Record<string, number>;
  gzip: Record<string, number>;
  criticalGzip: number;
  jsGzip: number;
  violations: string[];
}

function pageFigures(name: string, lang: string, r: PageReport, budgetViolations: (r: PageReport) => string[]): PageFigures {
  const kinds = ["html", "css", "js", "image", "font", "other"] as const;
  return {
    name,
    lang,
    path: new URL(r.url).pathname,
    requests: r.requests,
    transferred: Object.fromEntries(kinds.map((k) => [k, r.byKind[k].transferred])),
    gzip: Object.fromEntries(kinds.map((k) => [k, r.byKind[k].gzip])),
    criticalGzip: r.htmlGzip + r.blockingCssGzip,
    jsGzip: r.jsGzip + r.pageBundleGzip,
    violations: budgetViolations(r),
  };
}

// ---------------------------------------------------------------- whole commands (6) and the bare theme (7)

interface CommandFigures {
  runs: number;
  /** per command: wall ms and CPU ms (user + sys of the command and what it waited for) of each run */
  build: CommandRun[];
  hugo: CommandRun[];
  tsx: CommandRun[];
  /** node scripts/run.mjs --compile build: what the first run after an edit under scripts/ adds */
  compile: CommandRun[];
  medianMs: { build: number; hugo: number; tsx: number; compile: number };
  ratio: number;
  tsxRatio: number;
}

const med = (rs: CommandRun[], k: "ms" | "cpuMs" = "ms") => (rs.every((r) => r[k] !== undefined) && rs.length ? median(rs.map((r) => r[k] as number)) : NaN);

/**
 * `node scripts/run.mjs build` (what npm run build runs, without npm's own ~0.3 s) against `hugo --minify`
 * typed alone, whole processes, interleaved, on the site copy as it is after the builds of part 1 (asset
 * cache warm, as for a user after the first build). For comparison the same build under tsx, as
 * npm run build ran it before scripts/run.mjs. Each command writes into its own folder, reused across runs.
 */
async function wholeCommands(copy: string, work: string, runs: number, targets: Array<{ target: string; value: string; pass: boolean }>): Promise<CommandFigures> {
  const runMjs = path.join(copy, "scripts/run.mjs");
  const tsx = path.join(copy, "node_modules/.bin/tsx");
  const hugo = hugoBin();
  // The copy has no .tools/hugo: without HUGO_BIN its scripts would run whatever hugo is on the PATH.
  const env = { HUGO_BIN: hugo };
  console.log(`bench: whole commands, ${runs} interleaved runs each: node scripts/run.mjs build, tsx scripts/build.ts, hugo --minify`);
  const variants = {
    build: () => timeCommand(process.execPath, [runMjs, "build", "--dest", path.join(work, "cmd-build")], { cwd: copy, env }),
    tsx: () => timeCommand(tsx, ["scripts/build.ts", "--dest", path.join(work, "cmd-tsx")], { cwd: copy, env }),
    hugo: () => timeCommand(hugo, ["--minify", "--destination", path.join(work, "cmd-hugo")], { cwd: copy }),
  };
  for (const v of Object.values(variants)) await v(); // one untimed run each: output folders, Hugo's resources, the OS cache
  const r = await interleave(variants, runs, (n, i, x) => console.log(`  ${n} run ${i + 1}/${runs}: ${fmt(x.ms)} ms`));
  const compile = (await interleave({ compile: () => compileScripts(copy, ["build"]) }, 3)).compile as CommandRun[];
  const medianMs = { build: med(r.build as CommandRun[]), hugo: med(r.hugo as CommandRun[]), tsx: med(r.tsx as CommandRun[]), compile: med(compile) };
  const ratio = medianMs.build / medianMs.hugo;
  targets.push({ target: "npm run build <= 2x hugo --minify (whole processes)", value: `${ratio.toFixed(2)}x (${fmt(medianMs.build)} / ${fmt(medianMs.hugo)} ms)`, pass: ratio <= 2 });
  return { runs, build: r.build as CommandRun[], hugo: r.hugo as CommandRun[], tsx: r.tsx as CommandRun[], compile, medianMs, ratio, tsxRatio: medianMs.tsx / medianMs.hugo };
}

interface DevFigures {
  runs: number;
  /** spawn -> first 200 HTML answer for / */
  dev: number[];
  hugoServer: number[];
  medianMs: { dev: number; hugoServer: number };
}

/** `node scripts/run.mjs dev` against `hugo server` with the same flags as dev.ts: spawn to the first page served, interleaved. */
async function devFirstPage(copy: string, runs: number, targets: Array<{ target: string; value: string; pass: boolean }>): Promise<DevFigures> {
  console.log(`bench: dev server, spawn to first page, ${runs} interleaved runs each: node scripts/run.mjs dev, hugo server`);
  const runMjs = path.join(copy, "scripts/run.mjs");
  const serverArgs = (port: number) => [
    "server",
    "--bind",
    "127.0.0.1",
    "--port",
    String(port),
    "--baseURL",
    `http://localhost:${port}/`,
    "--appendPort=false",
    "--buildDrafts",
    "--disableFastRender",
    "--environment",
    "development",
  ];
  const variants = {
    dev: async () => {
      const port = await freePort();
      return timeFirstPage(process.execPath, [runMjs, "dev", "--port", String(port)], { cwd: copy, url: `http://127.0.0.1:${port}/`, env: { HUGO_BIN: hugoBin() } });
    },
    hugoServer: async () => {
      const port = await freePort();
      return timeFirstPage(hugoBin(), serverArgs(port), { cwd: copy, url: `http://127.0.0.1:${port}/` });
    },
  };
  await variants.dev(); // untimed: dev writes its bundles into assets/dist the first time
  const r = await interleave(variants, runs, (n, i, ms) => console.log(`  ${n} run ${i + 1}/${runs}: ${fmt(ms)} ms`));
  const medianMs = { dev: median(r.dev as number[]), hugoServer: median(r.hugoServer as number[]) };
  targets.push({ target: "npm run dev serves its first page <= 1.5 s", value: `${fmt(medianMs.dev)} ms (hugo server alone ${fmt(medianMs.hugoServer)} ms)`, pass: medianMs.dev <= 1500 });
  return { runs, dev: r.dev as number[], hugoServer: r.hugoServer as number[], medianMs };
}

interface BareFigures {
  posts: number;
  htmlFiles: number;
  bareHtmlFiles: number;
  runs: number;
  theme: CommandRun[];
  bare: CommandRun[];
  medianMs: { theme: number; bare: number };
  medianCpuMs: { theme: number; bare: number };
  ratio: number;
  cpuRatio: number;
}

/**
 * This theme against bench/bare-theme on the same copy of the site with `posts` generated posts per
 * language: `hugo --minify` (same binary, whole process; `--theme bare` for the bare one), interleaved,
 * each into its own folder, reused across runs, after one untimed run each (Hugo's resources, the OS cache).
 */
async function themeAgainstBare(site: string, work: string, posts: number, runs: number, targets: Array<{ target: string; value: string; pass: boolean }>): Promise<BareFigures> {
  console.log(`bench: theme against a bare theme, ${posts} posts per language, ${runs} interleaved runs each of hugo --minify`);
  await copyProject(site);
  await addPosts(site, 0, posts);
  await installBareTheme(site);
  commitAll(site, `${posts} posts and the bare theme`);
  const hugo = hugoBin();
  const out = { theme: path.join(work, "bare-cmp-theme"), bare: path.join(work, "bare-cmp-bare") };
  const variants = {
    theme: () => timeCommand(hugo, ["--minify", "--destination", out.theme], { cwd: site }),
    bare: () => timeCommand(hugo, ["--minify", "--theme", BARE_THEME, "--destination", out.bare], { cwd: site }),
  };
  for (const v of Object.values(variants)) await v();
  const r = await interleave(variants, runs, (n, i, x) => console.log(`  ${n} run ${i + 1}/${runs}: ${fmt(x.ms)} ms`));
  const theme = r.theme as CommandRun[];
  const bare = r.bare as CommandRun[];
  const medianMs = { theme: med(theme), bare: med(bare) };
  const medianCpuMs = { theme: med(theme, "cpuMs"), bare: med(bare, "cpuMs") };
  const ratio = medianMs.theme / medianMs.bare;
  targets.push({
    target: `theme <= 2.5x a bare theme (hugo --minify, ${posts.toLocaleString("en")} posts/language)`,
    value: `${ratio.toFixed(2)}x (${fmt(medianMs.theme)} / ${fmt(medianMs.bare)} ms)`,
    pass: ratio <= 2.5,
  });
  return {
    posts,
    htmlFiles: (await countFiles(out.theme)).htmlFiles,
    bareHtmlFiles: (await countFiles(out.bare)).htmlFiles,
    runs,
    theme,
    bare,
    medianMs,
    medianCpuMs,
    ratio,
    cpuRatio: medianCpuMs.theme / medianCpuMs.bare,
  };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const runs = count("runs");
  const edits = count("edits");
  const scaleSizes = args.scale.split(",").filter(Boolean).map(Number);
  if (scaleSizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`bench: --scale must list whole numbers, not ${JSON.stringify(args.scale)}`);
  const scaleRuns = count("scale-runs");
  const cmdRuns = count("cmd-runs");
  const devRuns = count("dev-runs");
  const bareRuns = count("bare-runs");
  const barePosts = count("bare-posts");
  const skip = new Set(args.skip.split(",").filter(Boolean));
  const unknown = [...skip].filter((k) => !SKIPPABLE.includes(k));
  if (unknown.length) throw new Error(`bench: --skip knows ${SKIPPABLE.join(",")}, not ${unknown.join(",")}`);
  const tmpBase = args.tmp ?? (await defaultWorkBase());
  const work = await fs.mkdtemp(path.join(tmpBase, "broccoli-bench-"));
  const wrapper = await hugoWrapper(work);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? "",
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
      node: process.version,
      hugo: execFileSync(hugoBin(), ["version"], { encoding: "utf8" }).trim(),
    },
    workDir: { path: tmpBase, tmpfs: await isTmpfs(tmpBase) },
  };
  const targets: Array<{ target: string; value: string; pass: boolean }> = [];
  const copy = path.join(work, "site");
  try {
    // 1 + 2: full builds and Hugo alone, on a copy of the working tree's site (so "clean" can include
    // assets/dist, and nothing in the shared working tree is touched)
    await copyProject(copy);
    await compileScripts(copy);
    console.log(`bench: ${runs} full builds from clean (new process, no assets/dist, new output and Hugo resource folders)`);
    // Other processes share this machine, so a full build and a Hugo-alone run alternate (same load),
    // and the pipeline's cost over Hugo is also read inside each build: (total - hugo step) / hugo step
    // (printed, not used for the targets: the hugo step also carries the work the pipeline does meanwhile).
    const full: BuildRun[] = [];
    const hugo = { ms: [] as number[], rssKiB: [] as number[], cpuMs: [] as number[] };
    for (let i = 0; i < runs; i++) {
      full.push(...(await buildRuns(copy, 1, work, wrapper, `full${i}`, true)));
      const h = await hugoAlone(copy, 1, work, wrapper);
      hugo.ms.push(...h.ms);
      hugo.rssKiB.push(...h.rssKiB);
      hugo.cpuMs.push(...h.cpuMs);
      console.log(`  hugo alone run ${i + 1}/${runs}: ${fmt(h.ms[0] as number)} ms`);
    }
    const steps = medianByKey(full.map((r) => r.timings));
    const total = median(full.map((r) => r.total));
    console.log(`bench: ${runs} rebuilds with unchanged theme assets (asset step skipped by its cache)`);
    const warm = await buildRuns(copy, runs, work, wrapper, "rebuild", false);
    const warmSteps = medianByKey(warm.map((r) => r.timings));
    const warmTotal = median(warm.map((r) => r.total));
    const hugoMs = median(hugo.ms);
    const inRun = (rs: BuildRun[]) => median(rs.map((r) => (r.total - (r.timings.hugo ?? 0)) / (r.timings.hugo ?? 1)));
    const overhead = inRun(full);
    const warmOverhead = inRun(warm);
    results.fullBuild = { runs: full, medianMs: steps, totalMs: total, sharePct: shares(steps, total), htmlFiles: full[0]?.htmlFiles, files: full[0]?.files };
    results.rebuild = { runs: warm, medianMs: warmSteps, totalMs: warmTotal, sharePct: shares(warmSteps, warmTotal) };
    results.hugoAlone = { ms: hugo.ms, medianMs: hugoMs, rssKiB: hugo.rssKiB, cpuMs: hugo.cpuMs, medianCpuMs: hugo.cpuMs.length ? median(hugo.cpuMs) : null };
    results.pipelineOverHugo = {
      // median over runs of (total - hugo step) / hugo step
      inRunOverheadPct: 100 * overhead,
      rebuildInRunOverheadPct: 100 * warmOverhead,
      // against the separate Hugo-alone runs
      ratio: total / hugoMs,
      overheadPct: (100 * (total - hugoMs)) / hugoMs,
      rebuildRatio: warmTotal / hugoMs,
      rebuildOverheadPct: (100 * (warmTotal - hugoMs)) / hugoMs,
    };
    // The targets compare with Hugo alone: the content check and the asset twins run while hugo renders,
    // so the hugo step inside a build is longer than Hugo's own time, and an in-run ratio would hide that.
    const vsAlone = (t: number) => (t - hugoMs) / hugoMs;
    targets.push({
      target: "pipeline adds <= 50% to Hugo (clean build)",
      value: `+${(100 * vsAlone(total)).toFixed(0)}% (total ${fmt(total)}, hugo alone ${fmt(hugoMs)} ms)`,
      pass: vsAlone(total) <= 0.5,
    });
    targets.push({
      target: "pipeline adds <= 50% to Hugo (rebuild)",
      value: `+${(100 * vsAlone(warmTotal)).toFixed(0)}% (total ${fmt(warmTotal)}, hugo alone ${fmt(hugoMs)} ms)`,
      pass: vsAlone(warmTotal) <= 0.5,
    });

    // 6: whole commands, as a user waits for them (spawn to exit; to the first page for the dev server)
    if (!skip.has("commands")) results.commands = await wholeCommands(copy, work, cmdRuns, targets);
    if (!skip.has("dev")) results.dev = await devFirstPage(copy, devRuns, targets);

    // 3: incremental rebuilds, on the copy (the working tree is shared; nothing in it is edited)
    if (!skip.has("watch")) {
      console.log(`bench: incremental asset rebuilds in watch mode, ${edits} edits of a .ts and of a .scss file (in a copy)`);
      const w = await runChild<Record<"ts" | "scss", { file: string; ms: number[]; latency: number[] }>>(copy, ["--child", "watch", "--edits", String(edits)]);
      const inc = Object.fromEntries(
        (["ts", "scss"] as const).map((k) => [k, { file: w[k].file, ms: w[k].ms, medianMs: median(w[k].ms), latency: w[k].latency, medianLatencyMs: median(w[k].latency) }]),
      );
      results.incremental = inc;
      for (const k of ["ts", "scss"] as const) {
        const m = median(w[k].ms);
        targets.push({ target: `incremental ${k} rebuild < 100 ms (median)`, value: `${fmt(m)} ms (edit to output ${fmt(median(w[k].latency))} ms)`, pass: m < 100 });
      }
    }

    // 4: key pages through nginx: bytes, requests, Lighthouse
    if (!skip.has("pages") || !skip.has("lighthouse")) {
      console.log("bench: key pages through nginx (bytes, requests, Lighthouse)");
      const { buildAndServe } = await import("./harness/serve-site.ts");
      const { findKeyPages } = await import("./perf/key-pages.ts");
      const { runLighthouse, siteLanguages, CHROME_PATH } = await import("./lighthouse.ts");
      const { measurePage, budgetViolations } = await import("./perf/measure.ts");
      await fs.mkdir(path.join(root, ".tmp/bench"), { recursive: true });
      const site = await buildAndServe(path.join(root, ".tmp/bench/site"));
      try {
        const { langs, defaultLang } = await siteLanguages();
        const pages = await findKeyPages(site.baseURL, langs, defaultLang);
        if (!skip.has("pages")) {
          const { chromium } = await import("@playwright/test");
          const browser = await chromium.launch({
            executablePath: CHROME_PATH,
            args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
          });
          const figures: PageFigures[] = [];
          try {
            const page = await browser.newPage();
            const origin = new URL(site.baseURL).origin;
            await page.route("**/*", (route) => (new URL(route.request().url()).origin === origin || /^(data|blob):/.test(route.request().url()) ? route.continue() : route.abort("blockedbyclient")));
            for (const p of pages) if (p.url) figures.push(pageFigures(p.name, p.lang, await measurePage(page, p.url), budgetViolations));
          } finally {
            await browser.close();
          }
          results.pages = figures;
          const missing = pages.filter((p) => !p.url).map((p) => `${p.name} (${p.lang})`);
          if (missing.length) results.pagesMissing = missing;
          const broken = figures.flatMap((f) => f.violations);
          targets.push({ target: "key pages keep the byte budgets", value: broken.length ? `${broken.length} violations` : "all within", pass: broken.length === 0 });
        }
        if (!skip.has("lighthouse")) {
          const lh: LhPageResult[] = await runLighthouse(pages, (m) => console.log(`  ${m}`));
          results.lighthouse = lh.map((r) => ({
            name: r.name,
            lang: r.lang,
            path: r.url ? new URL(r.url).pathname : null,
            scores: r.summary?.scores,
            fcpMs: r.summary?.fcp,
            lcpMs: r.summary?.lcp,
            failures: r.failures,
          }));
          const failing = lh.filter((r) => r.failures.length);
          targets.push({
            target: "Lighthouse a11y/bp/seo 100, perf >= 95",
            value: failing.length ? `${failing.length} of ${lh.length} pages below` : `all ${lh.length} pages`,
            pass: failing.length === 0,
          });
        }
      } finally {
        await site.stop();
        await fs.rm(`${site.siteDir}.config.toml`, { force: true });
      }
    }

    // 7: the theme against a bare theme, on a copy of its own with generated posts
    if (!skip.has("bare")) results.bareTheme = await themeAgainstBare(path.join(work, "bare-site"), work, barePosts, bareRuns, targets);

    // 5: scale
    if (!skip.has("scale")) {
      const scale: Array<Record<string, unknown>> = [];
      let have = 0;
      for (const n of scaleSizes) {
        console.log(`bench: scale, ${n} generated posts per language (de + en), ${scaleRuns} builds`);
        await addPosts(copy, have, n);
        commitAll(copy, `${n} posts`);
        have = n;
        const r = await buildRuns(copy, scaleRuns, work, wrapper, `scale${n}`, true);
        const h = await hugoAlone(copy, 1, work, wrapper);
        const ms = median(r.map((x) => x.total));
        const nodeRss = Math.max(...r.map((x) => x.maxRssKiB));
        const hugoRss = Math.max(...r.map((x) => x.hugoRssKiB ?? 0));
        scale.push({
          posts: n,
          htmlFiles: r[0]?.htmlFiles,
          files: r[0]?.files,
          buildMs: ms,
          steps: medianByKey(r.map((x) => x.timings)),
          hugoAloneMs: h.ms[0],
          hugoAloneCpuMs: h.cpuMs[0],
          cpuMs: { pipelineNode: median(r.map((x) => x.cpuMs)), hugo: median(r.map((x) => x.hugoCpuMs ?? 0)) },
          peakRssMiB: { pipelineNode: Math.round(nodeRss / 1024), hugo: Math.round(hugoRss / 1024), max: Math.round(Math.max(nodeRss, hugoRss) / 1024) },
          runs: r,
        });
        if (n === 5000) {
          targets.push({ target: "5,000 posts build < 10 s", value: `${fmt(ms)} ms`, pass: ms < 10_000 });
          const peak = Math.max(nodeRss, hugoRss);
          targets.push({ target: "5,000 posts peak memory < 1 GiB", value: `hugo ${mib(hugoRss)} MiB, node ${mib(nodeRss)} MiB`, pass: peak < 1024 * 1024 });
        }
      }
      results.scale = scale;
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  results.targets = targets;
  await fs.mkdir(benchDir, { recursive: true });
  await fs.writeFile(path.join(benchDir, "results.json"), JSON.stringify(results, null, 2) + "\n");
  report(results);
  console.log(`\nbench: figures written to ${path.relative(root, path.join(benchDir, "results.json"))}`);
}

/** Prints the tables from a results object (also used for bench/README.md). */
function report(r: Record<string, unknown>): void {
  const full = r.fullBuild as { medianMs: Record<string, number>; totalMs: number; sharePct: Record<string, number>; htmlFiles: number } | undefined;
  const m = r.machine as { cpus: number; cpu: string; memGiB: number; loadavg: number[]; node: string; hugo: string };
  console.log(`\nMachine: ${m.cpus} x ${m.cpu}, ${m.memGiB} GiB, load ${m.loadavg.join(" ")}, node ${m.node}, ${m.hugo.split(" ").slice(0, 2).join(" ")}`);
  const wd = r.workDir as { path: string; tmpfs: boolean } | undefined;
  if (wd) console.log(`Builds in ${wd.path} (${wd.tmpfs ? "tmpfs, in memory" : "disk"})`);
  if (full) {
    const re = r.rebuild as { medianMs: Record<string, number>; totalMs: number; sharePct: Record<string, number> } | undefined;
    console.log(`\nFull build from clean (${full.htmlFiles} HTML files), median per step; and a rebuild with unchanged theme assets.`);
    console.log("Shares are of the wall-clock total; config, content and assets run at the same time, and the asset twins are compressed while hugo runs:");
    console.log(
      table(
        ["step", "clean ms", "share", "rebuild ms", "share "],
        [
          ...Object.entries(full.medianMs).map(([k, v]) => [
            k,
            fmt(v),
            `${(full.sharePct[k] ?? 0).toFixed(0)}%`,
            re ? fmt(re.medianMs[k] ?? 0) : "-",
            re ? `${(re.sharePct[k] ?? 0).toFixed(0)}%` : "-",
          ]),
          ["total", fmt(full.totalMs), "100%", re ? fmt(re.totalMs) : "-", "100%"],
        ],
      ),
    );
    const h = r.hugoAlone as { medianMs: number; medianCpuMs?: number | null };
    const fr = (r.fullBuild as { runs: Array<{ cpuMs?: number; hugoCpuMs?: number }> }).runs;
    if (fr.every((x) => x.cpuMs !== undefined && x.hugoCpuMs !== undefined))
      console.log(
        `CPU time (user+sys, median; independent of other load): hugo in the pipeline ${fmt(median(fr.map((x) => x.hugoCpuMs as number)))} ms, node pipeline process during build() ${fmt(median(fr.map((x) => x.cpuMs as number)))} ms (without esbuild and sass, which run in their own processes), hugo alone ${h.medianCpuMs ? fmt(h.medianCpuMs) : "-"} ms`,
      );
    const p = r.pipelineOverHugo as { ratio: number; overheadPct: number; rebuildRatio: number; rebuildOverheadPct: number; inRunOverheadPct?: number; rebuildInRunOverheadPct?: number };
    console.log(
      `\nHugo alone (hugo --minify, runs alternating with the builds): ${fmt(h.medianMs)} ms median; pipeline / Hugo alone = ${p.ratio.toFixed(2)} from clean, ${p.rebuildRatio.toFixed(2)} on a rebuild`,
    );
    if (p.inRunOverheadPct !== undefined)
      console.log(
        `Within each build (time outside the hugo step / hugo step, median): +${p.inRunOverheadPct.toFixed(0)}% from clean, +${(p.rebuildInRunOverheadPct ?? 0).toFixed(0)}% on a rebuild (flatters the pipeline: work done during the hugo step counts as Hugo's)`,
      );
  }
  const cmd = r.commands as CommandFigures | undefined;
  if (cmd) {
    const cpu = (rs: CommandRun[]) => (Number.isNaN(med(rs, "cpuMs")) ? "-" : fmt(med(rs, "cpuMs")));
    console.log(`\nWhole commands on this site, spawn to exit, median of ${cmd.runs} interleaved runs (npm run adds its own ~0.3 s to each npm command):`);
    console.log(
      table(
        ["command", "ms", "x hugo", "cpu ms"],
        [
          ["node scripts/run.mjs build (npm run build)", fmt(cmd.medianMs.build), cmd.ratio.toFixed(2), cpu(cmd.build)],
          ["tsx scripts/build.ts (npm run build before run.mjs)", fmt(cmd.medianMs.tsx), cmd.tsxRatio.toFixed(2), cpu(cmd.tsx)],
          ["hugo --minify", fmt(cmd.medianMs.hugo), "1.00", cpu(cmd.hugo)],
        ],
      ),
    );
    console.log(`First run after an edit under scripts/ also compiles the script once: node scripts/run.mjs --compile build ${fmt(cmd.medianMs.compile)} ms (median of 3)`);
  }
  const dev = r.dev as DevFigures | undefined;
  if (dev)
    console.log(
      `\nDev server, spawn to the first page served (median of ${dev.runs} interleaved runs): node scripts/run.mjs dev ${fmt(dev.medianMs.dev)} ms, hugo server alone ${fmt(dev.medianMs.hugoServer)} ms (x${(dev.medianMs.dev / dev.medianMs.hugoServer).toFixed(2)})`,
    );
  const bare = r.bareTheme as BareFigures | undefined;
  if (bare) {
    console.log(`\nTheme against a bare theme (bench/bare-theme), ${bare.posts} generated posts per language, hugo --minify, median of ${bare.runs} interleaved runs:`);
    console.log(
      table(
        ["theme", "html files", "ms", "cpu ms"],
        [
          ["broccoli", bare.htmlFiles, fmt(bare.medianMs.theme), Number.isNaN(bare.medianCpuMs.theme) ? "-" : fmt(bare.medianCpuMs.theme)],
          ["bare", bare.bareHtmlFiles, fmt(bare.medianMs.bare), Number.isNaN(bare.medianCpuMs.bare) ? "-" : fmt(bare.medianCpuMs.bare)],
        ],
      ),
    );
    console.log(`theme / bare: ${bare.ratio.toFixed(2)}x wall time, ${Number.isNaN(bare.cpuRatio) ? "-" : bare.cpuRatio.toFixed(2)}x CPU time`);
  }
  const inc = r.incremental as Record<string, { file: string; medianMs: number; medianLatencyMs: number; ms: number[] }> | undefined;
  if (inc) {
    console.log(`\nIncremental asset rebuild (watch mode), median of ${inc.ts?.ms.length ?? 0} edits:`);
    console.log(
      table(
        ["file", "rebuild ms", "edit-to-output ms"],
        Object.values(inc).map((v) => [v.file, fmt(v.medianMs), fmt(v.medianLatencyMs)]),
      ),
    );
  }
  const pages = r.pages as PageFigures[] | undefined;
  const lh = r.lighthouse as Array<{ name: string; lang: string; scores?: Record<string, number | null>; fcpMs?: number | null; lcpMs?: number | null }> | undefined;
  if (pages || lh) {
    const keys = (pages ?? lh ?? []).map((p) => `${p.name}/${p.lang}`);
    const kb = (n: number | undefined) => (n === undefined ? "-" : (n / 1024).toFixed(1));
    console.log("\nKey pages (bytes on the wire in KB as served by the test nginx; gzip = gzip -9 of the bodies; Lighthouse mobile):");
    console.log(
      table(
        ["page", "req", "html", "css", "js", "img", "html+css gz", "js gz", "perf", "a11y", "bp", "seo", "FCP ms", "LCP ms"],
        keys.map((k) => {
          const p = pages?.find((x) => `${x.name}/${x.lang}` === k);
          const l = lh?.find((x) => `${x.name}/${x.lang}` === k);
          const s = (c: string) => String(l?.scores?.[c] ?? "-");
          return [
            k,
            p?.requests ?? "-",
            kb(p?.transferred.html),
            kb(p?.transferred.css),
            kb(p?.transferred.js),
            kb(p?.transferred.image),
            kb(p?.criticalGzip),
            kb(p?.jsGzip),
            s("performance"),
            s("accessibility"),
            s("best-practices"),
            s("seo"),
            String(l?.fcpMs ?? "-"),
            String(l?.lcpMs ?? "-"),
          ];
        }),
      ),
    );
  }
  const scale = r.scale as
    | Array<{
        posts: number;
        htmlFiles: number;
        buildMs: number;
        hugoAloneMs: number;
        steps: Record<string, number>;
        peakRssMiB: { pipelineNode: number; hugo: number };
        cpuMs?: { pipelineNode: number; hugo: number };
      }>
    | undefined;
  if (scale?.length) {
    console.log("\nScale (generated posts per language, both languages built):");
    console.log(
      table(
        ["posts", "html files", "build ms", "hugo step", "compress", "hugo alone", "ms/page", "hugo cpu s", "node cpu s", "hugo MiB", "node MiB"],
        scale.map((s) => [
          s.posts,
          s.htmlFiles,
          fmt(s.buildMs),
          fmt(s.steps.hugo ?? 0),
          fmt(s.steps.compress ?? 0),
          fmt(s.hugoAloneMs),
          (s.buildMs / s.htmlFiles).toFixed(2),
          s.cpuMs ? (s.cpuMs.hugo / 1000).toFixed(1) : "-",
          s.cpuMs ? (s.cpuMs.pipelineNode / 1000).toFixed(1) : "-",
          s.peakRssMiB.hugo,
          s.peakRssMiB.pipelineNode,
        ]),
      ),
    );
  }
  const t = r.targets as Array<{ target: string; value: string; pass: boolean }>;
  if (t.length) {
    console.log("\nTargets:");
    console.log(
      table(
        ["target", "measured", "result"],
        t.map((x) => [x.target, x.value, x.pass ? "pass" : "MISSED"]),
      ),
    );
  }
}

/** --report: prints the tables of the last run (bench/results.json) again. */
async function reprint(): Promise<void> {
  report(JSON.parse(await fs.readFile(path.join(benchDir, "results.json"), "utf8")) as Record<string, unknown>);
}

const child = args.child;
if (child !== undefined && child !== "build" && child !== "watch") throw new Error(`bench: --child build|watch, not ${child}`);
const run = child === "build" ? childBuild : child === "watch" ? childWatch : args.report ? reprint : main;
run().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
