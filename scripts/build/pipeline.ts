// The build, step by step: the config resolved (scripts/config/config.ts) + assets (at the same time)
// -> hugo into a temporary folder, while the content check runs -> post-processing on that folder ->
// swap into public/. Every step is given the one resolved config. A failed step throws a ProblemList
// whose `step` names it, and leaves public/ untouched.
import { promises as fs } from "node:fs";
import path from "node:path";
import { buildAssets } from "./assets.ts";
import { runHugo } from "./hugo.ts";
import { lintContent } from "../content/lint.ts";
import { root, publicDir, configFile, distDir } from "../config/paths.ts";
import { resolveConfig, type ResolvedConfig } from "../config/config.ts";
import { ProblemList, problemsOf } from "../config/problem.ts";
import { wellKnownStep } from "./wellknown.ts";
import { compressStep, compressAssets, type TwinCache } from "./compress.ts";

export interface BuildOptions {
  production?: boolean;
  /** final folder; defaults to public/ */
  dest?: string;
  /** the resolved config; without it, the build resolves configFiles (+ baseURL) in its "config" step */
  config?: ResolvedConfig;
  /** config files, merged left to right (later ones override); defaults to hugo.toml (only without `config`) */
  configFiles?: string[];
  /** overrides hugo.toml's baseURL, e.g. tests serve on 127.0.0.1:<port> (only without `config`) */
  baseURL?: string;
  /** extra hugo arguments */
  hugoArgs?: string[];
  env?: NodeJS.ProcessEnv;
  log?: (msg: string) => void;
}

export interface StepContext {
  /** the rendered folder, before it goes live */
  out: string;
  opts: BuildOptions;
  config: ResolvedConfig;
  /** the compressed twins of the assets, made while Hugo renders (production builds) */
  assetTwins?: Promise<TwinCache>;
}

export interface Step {
  name: string;
  run(ctx: StepContext): Promise<void>;
}

/** Steps that work on the rendered folder before it goes live (well-known files, compression, ...). */
export const postSteps: Step[] = [wellKnownStep, compressStep];

export interface BuildTimings {
  /** duration of each step in ms; steps overlap: config and assets run at the same time, and the
   *  content check and the compression of the asset twins run while hugo renders */
  steps: Record<string, number>;
  /** wall-clock time of the whole build */
  totalMs: number;
}

export async function build(opts: BuildOptions = {}): Promise<BuildTimings> {
  const production = opts.production ?? true;
  const dest = opts.dest ?? publicDir;
  const log = opts.log ?? ((m: string) => console.log(m));
  const steps: Record<string, number> = {};
  const t0 = performance.now();
  const time = async (name: string, fn: () => Promise<void>) => {
    const t = performance.now();
    try {
      await fn();
    } catch (e) {
      throw new ProblemList(problemsOf(e), name);
    }
    steps[name] = performance.now() - t;
  };

  // The config (resolved here unless given; scripts/config/config.ts names the bad key) and the asset
  // build (esbuild and sass work in their own processes) run at the same time; a failure is reported in
  // this order. Nothing has been written to dest yet.
  let config = opts.config;
  const prepared = await Promise.allSettled([
    config
      ? Promise.resolve()
      : time("config", async () => {
          config = await resolveConfig(opts.configFiles?.length ? opts.configFiles : [configFile], opts.baseURL ? { baseURL: opts.baseURL } : {});
        }),
    time("assets", () => buildAssets({ production })),
  ]);
  for (const r of prepared) if (r.status === "rejected") throw r.reason;
  const cfg = config as ResolvedConfig;
  const files = cfg.paths.configFiles;

  let assetTwins: Promise<TwinCache> | undefined;
  const tmpRoot = path.join(path.dirname(dest), ".tmp");
  await fs.mkdir(tmpRoot, { recursive: true });
  const out = await fs.mkdtemp(path.join(tmpRoot, "build-"));
  // mkdtemp creates 0700; the folder becomes the live site, which the web server's user must read
  await fs.chmod(out, 0o755 & ~process.umask());
  try {
    // The content check runs while Hugo renders into the temporary folder (Hugo is another process, so
    // this costs little wall time). Its problems are reported first: they stop Hugo, and the rendered
    // folder is thrown away.
    const stopHugo = new AbortController();
    const hugo = time("hugo", async () => {
      const args = [...(production ? ["--minify"] : []), "--destination", out, "--cleanDestinationDir"];
      // Hugo reads the same files (its default is hugo.toml) and the same baseURL
      if (files.length !== 1 || files[0] !== configFile) args.push("--config", files.join(","));
      if (cfg.overrides.baseURL) args.push("--baseURL", cfg.overrides.baseURL);
      const warnings = await runHugo([...args, ...(opts.hugoArgs ?? [])], {
        env: { HUGO_ENVIRONMENT: production ? "production" : "development", ...opts.env },
        signal: stopHugo.signal,
      });
      if (warnings) log(warnings);
    });
    // The assets' compressed twins (brotli 11 is the slow part of compression) are made while Hugo
    // renders, or read from their cache when the assets did not change (scripts/build/compress.ts).
    // Started after Hugo: zlib's async calls share libuv's thread pool with the file system calls above,
    // which waited up to 40 ms behind them.
    if (production) {
      const t = performance.now();
      assetTwins = compressAssets(distDir).then((c) => {
        steps["asset twins"] = performance.now() - t;
        return c;
      });
      assetTwins.catch(() => {}); // awaited (and its error reported) by the compress step
    }
    const content = time("content", async () => {
      const problems = await lintContent(cfg);
      if (problems.length) {
        stopHugo.abort();
        throw new ProblemList(problems);
      }
    });
    const rendered = await Promise.allSettled([content, hugo]);
    for (const r of rendered) if (r.status === "rejected") throw r.reason;
    for (const step of postSteps) await time(step.name, () => step.run({ out, opts, config: cfg, ...(assetTwins ? { assetTwins } : {}) }));
    await time("swap", () => swapInto(out, dest));
  } finally {
    await assetTwins?.catch(() => {});
    await fs.rm(out, { recursive: true, force: true });
  }
  const totalMs = performance.now() - t0;
  log(
    `build: ${path.relative(root, dest) || dest} in ${totalMs.toFixed(0)} ms (${Object.entries(steps)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(", ")})`,
  );
  return { steps, totalMs };
}

/** Replaces dest with src by two renames on the same file system. */
export async function swapInto(src: string, dest: string): Promise<void> {
  const old = `${dest}.old-${process.pid}`;
  let had = true;
  try {
    await fs.rename(dest, old);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    had = false;
  }
  try {
    await fs.rename(src, dest);
  } catch (e) {
    if (had) await fs.rename(old, dest);
    throw e;
  }
  if (had) await fs.rm(old, { recursive: true, force: true });
}
