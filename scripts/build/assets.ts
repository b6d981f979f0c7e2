// The asset build: esbuild bundles each entry in themes/broccoli/assets/ts/*.ts,
// dart-sass compiles each themes/broccoli/assets/scss/[^_]*.scss; both write to assets/dist/.
import { promises as fs, watch as fsWatch, readdirSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";
import * as sass from "sass-embedded";
import { tsDir, scssDir, distDir, root } from "../config/paths.ts";
import { fileURLToPath } from "node:url";
import { inputsHash, isFresh, writeStamp, removeStamp } from "./asset-cache.ts";

export interface AssetOptions {
  production: boolean;
  /** where to write; defaults to assets/dist */
  outDir?: string;
}

export class AssetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssetError";
  }
}

const rel = (p: string) => path.relative(root, p) || p;

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

export function formatEsbuildErrors(errors: esbuild.Message[]): string {
  return errors
    .map((m) => {
      const loc = m.location;
      const where = loc ? `${rel(path.resolve(root, loc.file))}:${loc.line}:${loc.column + 1}: ` : "";
      return `${where}${m.text}`;
    })
    .join("\n");
}

export async function buildScripts(opts: AssetOptions): Promise<string[]> {
  const entries = tsEntries();
  try {
    const res = await esbuild.build({ ...esbuildOptions(opts, entries), metafile: true });
    return Object.keys(res.metafile?.outputs ?? {});
  } catch (e) {
    const errs = (e as { errors?: esbuild.Message[] }).errors;
    throw new AssetError(errs?.length ? formatEsbuildErrors(errs) : String(e));
  }
}

export function formatSassError(e: unknown, file: string): string {
  const err = e as { span?: { url?: URL; start: { line: number; column: number } }; sassMessage?: string; message?: string };
  if (err.span) {
    const f = err.span.url ? rel(decodeURIComponent(err.span.url.pathname)) : rel(file);
    return `${f}:${err.span.start.line + 1}:${err.span.start.column + 1}: ${err.sassMessage ?? err.message}`;
  }
  return `${rel(file)}: ${err.message ?? String(e)}`;
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
    throw new AssetError(formatSassError(e, file));
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
  const own = compiler ? undefined : await sass.initAsyncCompiler();
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
              const error = formatEsbuildErrors(res.errors);
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
      log(`assets: scss error\n${(e as Error).message}`);
      notify({ kind: "scss", ms, error: (e as Error).message });
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
