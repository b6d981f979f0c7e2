import { test } from "node:test";
import assert from "node:assert/strict";
import { median, medianByKey, shares, table } from "./stats.ts";

test("median of odd and even counts, unsorted input left as it was", () => {
  const xs = [5, 1, 3];
  assert.equal(median(xs), 3);
  assert.deepEqual(xs, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), /empty/);
});

test("medians per step over several build runs", () => {
  assert.deepEqual(
    medianByKey([
      { hugo: 10, assets: 1 },
      { hugo: 30, assets: 3 },
      { hugo: 20, assets: 2, swap: 7 },
    ]),
    { hugo: 20, assets: 2, swap: 7 },
  );
});

test("shares add up to 100 percent", () => {
  const s = shares({ hugo: 300, assets: 100 });
  assert.equal(s.hugo, 75);
  assert.equal(s.assets, 25);
  assert.deepEqual(shares({ a: 0 }), { a: 0 });
  // of the wall-clock total, when steps overlap
  assert.deepEqual(shares({ hugo: 300, assets: 100 }, 200), { hugo: 150, assets: 50 });
});

test("tables align text left and numbers right", () => {
  assert.equal(
    table(
      ["step", "ms"],
      [
        ["hugo", 120],
        ["assets", 9],
      ],
    ),
    ["step     ms", "------  ---", "hugo    120", "assets    9"].join("\n"),
  );
});
