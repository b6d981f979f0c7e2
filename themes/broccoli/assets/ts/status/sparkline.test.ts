import { test } from "node:test";
import assert from "node:assert/strict";
import { sparklinePath, remember, MAX_POINTS } from "./sparkline.ts";

test("values are spread across the width, the largest at the top, the smallest at the bottom", () => {
  assert.equal(sparklinePath([0, 10, 5], 100, 22, 1), "M0,21L50,1L100,11");
});

test("no values: no path; one value: a flat line across the box", () => {
  assert.equal(sparklinePath([], 100, 20), "");
  assert.equal(sparklinePath([7], 100, 20), "M0,10L100,10");
});

test("a flat series is drawn through the middle", () => {
  assert.equal(sparklinePath([3, 3, 3], 10, 20), "M0,10L5,10L10,10");
});

test("non-finite values are skipped, coordinates are rounded to two decimals", () => {
  assert.equal(sparklinePath([1, NaN, 2, Infinity, 4], 30, 10, 0), "M0,10L15,6.67L30,0");
});

test("only the newest MAX_POINTS values are kept and drawn", () => {
  const h: number[] = [];
  for (let i = 0; i < MAX_POINTS + 5; i++) remember(h, i);
  assert.equal(h.length, MAX_POINTS);
  assert.equal(h[0], 5);
  const all = Array.from({ length: MAX_POINTS + 1 }, (_, i) => i);
  assert.equal(sparklinePath(all, 100, 10).split("L").length, MAX_POINTS);
});
