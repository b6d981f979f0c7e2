// The render-blocking head script as browsers get it: minified bundle under 1 KB gzip, and what it does to <html>.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import * as esbuild from "esbuild";

const entry = fileURLToPath(new URL("./theme-init.ts", import.meta.url));

async function bundle(): Promise<string> {
  const res = await esbuild.build({ entryPoints: [entry], bundle: true, format: "iife", target: ["es2020"], minify: true, write: false, legalComments: "none" });
  return res.outputFiles[0]?.text ?? "";
}

/** Runs the bundle against a stand-in <html> and storage; returns html[data-theme]. */
function run(code: string, stored: string | null, opts: { throwing?: boolean; initial?: string } = {}): string | null {
  const attrs = new Map<string, string>(opts.initial ? [["data-theme", opts.initial]] : []);
  const documentElement = {
    setAttribute: (k: string, v: string) => void attrs.set(k, v),
    removeAttribute: (k: string) => void attrs.delete(k),
    getAttribute: (k: string) => attrs.get(k) ?? null,
  };
  const localStorage = {
    getItem: (k: string) => {
      if (opts.throwing) throw new Error("SecurityError");
      return k === "theme" ? stored : null;
    },
  };
  const window = opts.throwing
    ? Object.defineProperty({}, "localStorage", {
        get: () => {
          throw new Error("SecurityError");
        },
      })
    : { localStorage };
  vm.runInNewContext(code, { document: { documentElement }, window });
  return attrs.get("data-theme") ?? null;
}

test("theme-init.js stays below 1 KB gzip", async () => {
  const code = await bundle();
  const size = gzipSync(code, { level: 9 }).length;
  assert.ok(size < 1024, `theme-init.js is ${size} bytes gzip`);
  assert.ok(code.length > 0);
});

test("a stored dark or light choice lands on <html> as data-theme", async () => {
  const code = await bundle();
  assert.equal(run(code, "dark"), "dark");
  assert.equal(run(code, "light"), "light");
});

test("no choice (or a broken one, or no storage) leaves the theme to prefers-color-scheme", async () => {
  const code = await bundle();
  assert.equal(run(code, null), null);
  assert.equal(run(code, "blue"), null);
  assert.equal(run(code, null, { throwing: true }), null);
});
