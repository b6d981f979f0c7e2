// The asset build: esbuild bundles each entry in themes/broccoli/assets/ts/*.ts,
// dart-sass compiles each themes/broccoli/assets/scss/[^_]*.scss; both write to assets/dist/.
// esbuild and sass-embedded are loaded only when something has to be built (import() below): a build
// whose assets are fresh (asset-cache.ts) never loads them.
import { promises as fs, watch as fsWatch, readdirSync } from "node:fs";
import path from "node:path";
import type * as esbuild from "esbuild";
import type * as sass from "sass-embedded";
import { tsDir, scssDir, distDir, root } from "../config/paths.ts";
import { fileURLToPath } from "node:url";
import { inputsHash, isFresh, writeStamp, removeStamp } from "./asset-cache.ts";
import { Problem, ProblemList, formatProblem, problemsOf } from "../config/problem.ts";

export interface AssetOptions {
  production: boolean;
  /** where to write; defaults to assets/dist */
  outDir?: string;
}

/** Entry points: top-level .ts files (not tests) of the theme's assets/ts. */
export function tsEntries(dir = tsDir): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Stylesheets: top-level .scss files that are not partials. */
export function scssEntries(dir = scssDir): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".scss") && !f.startsWith("_"))
    .sort()
    .map((f) => path.join(dir, f));
}

function esbuildOptions(opts: AssetOptions, entries: string[]): esbuild.BuildOptions {
  return {
    entryPoints: entries,
    outdir: path.join(opts.outDir ?? distDir, "js"),
    bundle: true,
    format: "iife",
    target: ["es2020"],
    platform: "browser",
    minify: opts.production,
    sourcemap: opts.production ? false : "inline",
    legalComments: "none",
    logLevel: "silent",
    define: { "process.env.NODE_ENV": JSON.stringify(opts.production ? "production" : "development") },
  };
}

/** An esbuild message as a Problem at the source file, line and column. */
export function esbuildProblem(m: esbuild.Message): Problem {
  const loc = m.location;
  return new Problem(m.text, loc ? { location: { file: path.resolve(root, loc.file), line: loc.line, column: loc.column + 1 } } : {});
}

export async function buildScripts(opts: AssetOptions): Promise<string[]> {
  const entries = tsEntries();
  const esbuild = await import("esbuild");
  try {
    const res = await esbuild.build({ ...esbuildOptions(opts, entries), metafile: true });
    return Object.keys(res.metafile?.outputs ?? {});
  } catch (e) {
    const errs = (e as { errors?: esbuild.Message[] }).errors;
    throw errs?.length ? new ProblemList(errs.map(esbuildProblem)) : e;
  }
}

/** A Sass compile error as a Problem at the stylesheet, line and column it names. */
export function sassProblem(e: unknown, file: string): Problem {
  const err = e as { span?: { url?: URL; start: { line: number; column: number } }; sassMessage?: string; message?: string };
  if (err.span) {
    const f = err.span.url ? decodeURIComponent(err.span.url.pathname) : file;
    return new Problem(err.sassMessage ?? err.message ?? String(e), { location: { file: f, line: err.span.start.line + 1, column: err.span.start.column + 1 } });
  }
  return new Problem(err.message ?? String(e), { location: { file } });
}

// sass-embedded runs the native Dart Sass compiler in its own process: ~10x less CPU than the JS build
// of Sass (npm run bench: scss watch rebuild, asset step). Async, so the compiler process is not polled.
type SassCompiler = Pick<typeof sass, "compileAsync">;

async function compileStyle(opts: AssetOptions, compiler: SassCompiler, file: string, outDir: string): Promise<string> {
  let css: string;
  try {
    const res = await compiler.compileAsync(file, {
      style: opts.production ? "compressed" : "expanded",
      sourceMap: !opts.production,
      sourceMapIncludeSources: !opts.production,
      loadPaths: [scssDir],
    });
    css = res.css;
    if (res.sourceMap) {
      const map = Buffer.from(JSON.stringify(res.sourceMap)).toString("base64");
      css += `\n/*# sourceMappingURL=data:application/json;base64,${map} */\n`;
    }
  } catch (e) {
    throw sassProblem(e, file);
  }
  const out = path.join(outDir, path.basename(file).replace(/\.scss$/, ".css"));
  await fs.writeFile(out, css);
  return out;
}

/** Compiles every stylesheet at the same time on one compiler (given, or started here and disposed). */
export async function buildStyles(opts: AssetOptions, compiler?: SassCompiler): Promise<string[]> {
  const outDir = path.join(opts.outDir ?? distDir, "css");
  await fs.mkdir(outDir, { recursive: true });
  // one compiler process for all entries: sass.compileAsync alone starts a new one per call (~40 ms each)
  const own = compiler ? undefined : await (await import("sass-embedded")).initAsyncCompiler();
  try {
    return await Promise.all(scssEntries().map((f) => compileStyle(opts, (compiler ?? own) as SassCompiler, f, outDir)));
  } finally {
    await own?.dispose();
  }
}

/**
 * Builds scripts and styles, unless the output folder already holds exactly what these inputs build
 * (see asset-cache.ts): sass alone costs ~300 ms of CPU per build, more than Hugo on this site.
 */
export async function buildAssets(opts: AssetOptions & { force?: boolean }): Promise<void> {
  const outDir = opts.outDir ?? distDir;
  await fs.mkdir(outDir, { recursive: true });
  const inputs = await inputsHash([tsDir, scssDir], [path.join(root, "package-lock.json"), fileURLToPath(import.meta.url)], [`production=${opts.production}`]);
  if (!opts.force && (await isFresh(outDir, inputs))) return;
  await removeStamp(outDir);
  const [scripts, styles] = await Promise.all([buildScripts(opts), buildStyles(opts)]);
  await writeStamp(outDir, inputs, [...scripts.map((f) => path.resolve(f)), ...styles]);
}

export interface Watcher {
  close(): Promise<void>;
  /** resolves after the next rebuild of either kind finishes */
  nextRebuild(): Promise<{ kind: "ts" | "scss"; ms: number; error?: string }>;
}

/** Incremental rebuilds: esbuild's own watch for TS, a warm sass compiler on change for SCSS. */
export async function watchAssets(opts: AssetOptions, log: (msg: string) => void = console.log): Promise<Watcher> {
  await fs.mkdir(opts.outDir ?? distDir, { recursive: true });
  const waiters: Array<(r: { kind: "ts" | "scss"; ms: number; error?: string }) => void> = [];
  const notify = (r: { kind: "ts" | "scss"; ms: number; error?: string }) => {
    for (const w of waiters.splice(0)) w(r);
  };
  let tsStart = 0;
  const [esbuild, sass] = await Promise.all([import("esbuild"), import("sass-embedded")]);
  const ctx = await esbuild.context({
    ...esbuildOptions(opts, tsEntries()),
    plugins: [
      {
        name: "report",
        setup(b) {
          b.onStart(() => {
            tsStart = performance.now();
          });
          b.onEnd((res) => {
            const ms = performance.now() - tsStart;
            if (res.errors.length) {
              const error = res.errors.map((m) => formatProblem(esbuildProblem(m))).join("\n");
              log(`assets: ts error\n${error}`);
              notify({ kind: "ts", ms, error });
            } else {
              log(`assets: ts rebuilt in ${ms.toFixed(0)} ms`);
              notify({ kind: "ts", ms });
            }
          });
        },
      },
    ],
  });
  await ctx.rebuild(); // the first build is done before anyone reads assets/dist
  await ctx.watch();

  const compiler = await sass.initAsyncCompiler();
  const rebuildScss = async () => {
    const t = performance.now();
    try {
      await buildStyles(opts, compiler);
      const ms = performance.now() - t;
      log(`assets: scss rebuilt in ${ms.toFixed(0)} ms`);
      notify({ kind: "scss", ms });
    } catch (e) {
      const ms = performance.now() - t;
      const error = problemsOf(e)
        .map((p) => formatProblem(p))
        .join("\n");
      log(`assets: scss error\n${error}`);
      notify({ kind: "scss", ms, error });
    }
  };
  await rebuildScss();
  let timer: NodeJS.Timeout | undefined;
  const w = fsWatch(scssDir, { recursive: true }, (_ev, name) => {
    if (!name || !String(name).endsWith(".scss")) return;
    clearTimeout(timer);
    timer = setTimeout(() => void rebuildScss(), 5);
  });
  return {
    async close() {
      w.close();
      clearTimeout(timer);
      await ctx.dispose();
      await compiler.dispose();
    },
    nextRebuild() {
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
