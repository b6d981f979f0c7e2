// node scripts/run.mjs NAME [args]: runs scripts/NAME.ts compiled to plain JavaScript, without tsx.
// `npx tsx` cost about 1.1 s per command (npx, then tsx compiling every module on every start); a
// compiled script starts in tens of milliseconds. The first run after a change compiles it once:
//   .tools/scripts/NAME.mjs        scripts/NAME.ts and every .ts it imports, bundled by esbuild (ESM,
//                                  node_modules left as imports, inline source map for stack traces)
//   .tools/scripts/NAME.meta.json  the inputs of that bundle (from esbuild's metafile) with the size and
//                                  mtime each had; the bundle is fresh while all of them still do
// `node scripts/run.mjs --compile [NAME...]` only compiles (all the user-facing scripts without NAMEs;
// npm run setup warms them). This file imports nothing but node: built-ins until it has to compile.
import { statSync, readFileSync, writeFileSync, renameSync, mkdirSync, existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.dirname(here);
export const outDir = path.join(projectRoot, ".tools/scripts");
/** The scripts `--compile` warms: the commands in package.json that users run. */
export const COMMANDS = ["build", "dev", "publish", "lint-content", "nginx-config", "bench", "theme-bundles", "theme-screenshots", "verify-server"];
/** Files that change what a bundle contains without being imported by it: this compiler and the TS settings. */
export const EXTRA_INPUTS = ["scripts/run.mjs", "tsconfig.json", "tsconfig.base.json"];
/** Records with an input this recent (ms before the compile started) are not kept: the file may have been
 *  written while esbuild read it, and the next run compiles again. */
export const SETTLE_MS = 2000;

// ---------------------------------------------------------------- freshness (pure, unit-tested)

/** @typedef {{ size: number, mtimeMs: number }} FileStamp */
/** @typedef {{ version: 1, inputs: Record<string, FileStamp> }} BundleRecord */

/**
 * Why the bundle described by `record` is stale, or null when it is fresh. `stat` returns a file's stamp
 * or undefined when it is gone; input paths are relative to the project root.
 * @param {BundleRecord | undefined} record
 * @param {(rel: string) => FileStamp | undefined} stat
 * @returns {string | null}
 */
export function staleReason(record, stat) {
  if (!record || record.version !== 1 || !record.inputs || Object.keys(record.inputs).length === 0) return "no record of its inputs";
  for (const [rel, want] of Object.entries(record.inputs)) {
    const have = stat(rel);
    if (want.size === ABSENT.size) {
      if (have) return `${rel} appeared`;
      continue;
    }
    if (!have) return `${rel} is gone`;
    if (have.size !== want.size || have.mtimeMs !== want.mtimeMs) return `${rel} changed`;
  }
  return null;
}

/** The stamp recorded for an optional input that does not exist (it is stale once the file appears). */
export const ABSENT = Object.freeze({ size: -1, mtimeMs: 0 });

/**
 * The record to store after a compile: the stamp of every input, or null (store nothing) when an input
 * is missing or was modified within SETTLE_MS before the compile started, so that an edit made while
 * esbuild was reading cannot leave a stale bundle that looks fresh. `optional` files (the compiler, the
 * TS config) may be absent; they are recorded as ABSENT.
 * @param {string[]} inputs
 * @param {(rel: string) => FileStamp | undefined} stat
 * @param {number} startedAt  Date.now() when the compile started
 * @param {string[]} [optional]
 * @returns {BundleRecord | null}
 */
export function makeRecord(inputs, stat, startedAt, optional = []) {
  /** @type {Record<string, FileStamp>} */
  const stamps = {};
  for (const rel of [...new Set([...inputs, ...optional])].sort()) {
    const s = stat(rel);
    if (!s && optional.includes(rel) && !inputs.includes(rel)) {
      stamps[rel] = { ...ABSENT };
      continue;
    }
    if (!s || s.mtimeMs > startedAt - SETTLE_MS) return null;
    stamps[rel] = { size: s.size, mtimeMs: s.mtimeMs };
  }
  return { version: 1, inputs: stamps };
}

/**
 * The project's own source files among esbuild's metafile inputs (paths relative to the project root);
 * packages are imports in the bundle, not inputs.
 * @param {{ inputs: Record<string, unknown> }} metafile
 * @returns {string[]}
 */
export function sourceInputs(metafile) {
  return Object.keys(metafile.inputs).filter((p) => !p.includes("node_modules/") && !p.includes(":"));
}

// ---------------------------------------------------------------- compile and run

/** @param {string} rel @returns {FileStamp | undefined} */
function statRel(rel) {
  try {
    const s = statSync(path.join(projectRoot, rel));
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return undefined;
  }
}

const bundlePath = (/** @type {string} */ name) => path.join(outDir, `${name}.mjs`);
const recordPath = (/** @type {string} */ name) => path.join(outDir, `${name}.meta.json`);

/** @param {string} name @returns {string | null} */
export function whyStale(name) {
  if (!existsSync(bundlePath(name))) return "not compiled yet";
  /** @type {BundleRecord | undefined} */
  let record;
  try {
    record = JSON.parse(readFileSync(recordPath(name), "utf8"));
  } catch {
    record = undefined;
  }
  return staleReason(record, statRel);
}

/**
 * Bundles scripts/NAME.ts into .tools/scripts/NAME.mjs and records its inputs. Every project .ts file is
 * loaded with `import.meta.url` (and .dirname/.filename) replaced by its own source location, so paths
 * computed from it (scripts/config/paths.ts: the project root; scripts/build/compress.ts: the worker's
 * source) are what they are under tsx, wherever the bundle lives.
 * @param {string} name
 */
export async function compile(name) {
  const startedAt = Date.now();
  const esbuild = await import("esbuild");
  /** @type {import("esbuild").Plugin} */
  const sourceLocation = {
    name: "source-location",
    setup(b) {
      b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = readFileSync(args.path, "utf8");
        if (!text.includes("import.meta.")) return { contents: text, loader: "ts" };
        const url = pathToFileURL(args.path).href;
        const contents = text
          .replace(/\bimport\.meta\.url\b/g, JSON.stringify(url))
          .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path))
          .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(path.dirname(args.path)));
        return { contents, loader: "ts" };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [path.join(here, `${name}.ts`)],
    absWorkingDir: projectRoot,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    sourcesContent: false,
    metafile: true,
    write: false,
    outfile: bundlePath(name),
    logLevel: "error",
    plugins: [sourceLocation],
  });
  mkdirSync(outDir, { recursive: true });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`run.mjs: esbuild wrote nothing for ${name}`);
  const tmp = `${bundlePath(name)}.${process.pid}.tmp`;
  writeFileSync(tmp, out.contents);
  renameSync(tmp, bundlePath(name));
  const record = makeRecord(sourceInputs(result.metafile), statRel, startedAt, EXTRA_INPUTS);
  const tmpRecord = `${recordPath(name)}.${process.pid}.tmp`;
  // No record (an input changed during the compile): the next run compiles again.
  writeFileSync(tmpRecord, JSON.stringify(record ?? { version: 1, inputs: {} }, null, 1) + "\n");
  renameSync(tmpRecord, recordPath(name));
}

/** @param {string} name */
function checkName(name) {
  if (!/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(path.join(here, `${name}.ts`))) {
    console.error(`run.mjs: no script scripts/${name}.ts (usage: node scripts/run.mjs NAME [args], or --compile [NAME...])`);
    process.exit(2);
  }
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  if (name === "--compile") {
    const names = args.length ? args : COMMANDS;
    names.forEach(checkName);
    await Promise.all(names.map((n) => compile(n)));
    console.log(`run.mjs: compiled ${names.join(", ")} into ${path.relative(projectRoot, outDir)}/`);
    return;
  }
  if (!name) {
    console.error("usage: node scripts/run.mjs NAME [args]  (runs scripts/NAME.ts), or --compile [NAME...]");
    process.exit(2);
  }
  checkName(name);
  if (whyStale(name)) await compile(name);
  // The script sees the argv it would see under tsx (some compare process.argv[1] with their own URL).
  process.argv = [process.argv[0] ?? "node", path.join(here, `${name}.ts`), ...args];
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundlePath(name)).href);
}

/** True when node was started with this file (argv[1] may name it through a symlink; import.meta.url is the real path). */
function isMain() {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
