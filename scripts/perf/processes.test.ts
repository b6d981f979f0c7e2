import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTimeLine, interleave, timeCommand } from "./processes.ts";

test("GNU time's last '%e %U %S %M' line gives CPU ms and peak RSS; other output is ignored", () => {
  assert.deepEqual(parseTimeLine("Command exited with non-zero status 1\n0.52 0.31 0.08 123456\n"), { cpuMs: 390, maxRssKiB: 123456 });
  assert.deepEqual(parseTimeLine("1.00 0.10 0.10 1\n2.00 1.50 0.25 2048\n"), { cpuMs: 1750, maxRssKiB: 2048 });
  assert.equal(parseTimeLine("no figures here\n"), undefined);
});

test("interleave alternates which variant goes first in each round and keeps each variant's results in order", async () => {
  const order: string[] = [];
  let k = 0;
  const r = await interleave({ a: async () => (order.push("a"), k++), b: async () => (order.push("b"), k++) }, 3);
  assert.deepEqual(order, ["a", "b", "b", "a", "a", "b"]);
  assert.deepEqual(r, { a: [0, 3, 4], b: [1, 2, 5] });
});

test("timeCommand times a whole process and fails with its output when it fails", async () => {
  const ok = await timeCommand(process.execPath, ["-e", "setTimeout(() => {}, 50)"], { cwd: process.cwd() });
  assert.ok(ok.ms >= 50, `${ok.ms}`);
  await assert.rejects(timeCommand(process.execPath, ["-e", "console.error('boom'); process.exit(3)"], { cwd: process.cwd() }), /failed \(3\):\nboom/);
});
