import { test } from "node:test";
import assert from "node:assert/strict";
import { utf8Binary, qrModules, modulesToPath, viewBoxSize, QUIET_ZONE, type Modules } from "./qr.ts";

/** Reads a path written by modulesToPath back into the set of dark cells "x,y". */
function cellsOf(path: string): Set<string> {
  const cells = new Set<string>();
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x, y, w, back] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    assert.equal(w, back, "each run closes on itself");
    for (let i = 0; i < w; i += 1) cells.add(`${x + i},${y}`);
  }
  assert.equal(path.replace(/M\d+ \d+h\d+v1h-\d+z/g, ""), "", "the path holds nothing but runs");
  return cells;
}

function darkCells(modules: Modules, margin: number): Set<string> {
  const cells = new Set<string>();
  modules.forEach((row, y) => row.forEach((dark, x) => dark && cells.add(`${x + margin},${y + margin}`)));
  return cells;
}

test("a run of dark modules becomes one rectangle, shifted by the margin", () => {
  const m: Modules = [
    [true, true, false, true],
    [false, false, false, false],
    [false, true, true, true],
  ];
  assert.equal(modulesToPath(m, 0), "M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z");
  assert.equal(modulesToPath(m, 4), "M4 4h2v1h-2zM7 4h1v1h-1zM5 6h3v1h-3z");
  assert.equal(modulesToPath([[false, false]], 4), "");
});

test("the path draws exactly the dark modules of a real code", () => {
  const modules = qrModules("xmpp:support@chat.magicbroccoli.de?join");
  const path = modulesToPath(modules);
  assert.deepEqual(cellsOf(path), darkCells(modules, QUIET_ZONE));
});

test("an xmpp: URI gives a square code with finder patterns in three corners", () => {
  const modules = qrModules("xmpp:support@chat.magicbroccoli.de?join");
  const n = modules.length;
  // 40 bytes at level M need version 3 (29 x 29 modules)
  assert.equal(n, 29);
  assert.ok(modules.every((row) => row.length === n));
  // outer ring dark, second ring light, 3x3 centre dark
  const isFinder = (r0: number, c0: number): boolean => {
    for (let r = 0; r < 7; r += 1) {
      for (let c = 0; c < 7; c += 1) {
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        const want = ring !== 2;
        if (modules[r0 + r]?.[c0 + c] !== want) return false;
      }
    }
    return true;
  };
  assert.ok(isFinder(0, 0), "top left");
  assert.ok(isFinder(0, n - 7), "top right");
  assert.ok(isFinder(n - 7, 0), "bottom left");
  assert.ok(!isFinder(n - 7, n - 7), "no finder bottom right");
  assert.equal(viewBoxSize(modules), n + 2 * QUIET_ZONE);
});

test("longer text needs a larger code; the same text always gives the same code", () => {
  const short = qrModules("xmpp:a@b.de");
  const long = qrModules(`xmpp:${"x".repeat(120)}@magicbroccoli.de?join`);
  assert.ok(long.length > short.length);
  assert.deepEqual(qrModules("xmpp:a@b.de"), short);
});

test("non-ASCII addresses are encoded as UTF-8 bytes", () => {
  assert.equal(utf8Binary("ü"), "\u00c3\u00bc");
  assert.equal(utf8Binary("xmpp:a@b.de"), "xmpp:a@b.de");
  // "jürgen" is 7 UTF-8 bytes, "jurgen" 6: different codes
  assert.notDeepEqual(qrModules("xmpp:jürgen@b.de"), qrModules("xmpp:jurgen@b.de"));
});
