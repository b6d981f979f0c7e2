import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { Problem, ProblemList, formatProblem, problemsOf, printProblems } from "./problem.ts";
import { root } from "./paths.ts";

test("a problem prints as file:line:col: message, the hint indented on the next line", () => {
  const p = new Problem('params.xmpp.websocket: must be a wss:// URL, got "ws://x"', { location: { file: path.join(root, "hugo.toml"), line: 61, column: 5 }, hint: "use wss://" });
  assert.equal(formatProblem(p), 'hugo.toml:61:5: params.xmpp.websocket: must be a wss:// URL, got "ws://x"\n  use wss://');
  assert.equal(formatProblem(new Problem("m", { location: { file: "content/de/a.md", line: 3 } })), "content/de/a.md:3: m", "a relative file stays as it is");
  assert.equal(formatProblem(new Problem("m", { location: { file: "/tmp/x.toml" } })), "/tmp/x.toml: m", "a file outside the project stays absolute");
  assert.equal(formatProblem(new Problem("m", { location: { file: "a.md", column: 4 } })), "a.md: m", "no column without a line");
  assert.equal(formatProblem(new Problem("m", { hint: "one\ntwo" })), "m\n  one\n  two");
});

test("a list holds problems found together; anything thrown gives its problems", () => {
  const a = new Problem("a", { location: { file: "x.md", line: 1 } });
  const list = new ProblemList([a, new Problem("b")], "content");
  assert.equal(list.message, "x.md:1: a\nb");
  assert.equal(list.step, "content");
  assert.deepEqual(problemsOf(list), [a, list.problems[1]]);
  assert.deepEqual(problemsOf(a), [a]);
  const bug = new TypeError("x is undefined");
  const [p] = problemsOf(bug);
  assert.equal(p?.message, "x is undefined");
  assert.equal(p?.cause, bug);
});

test("where something else prints a problem, its stack starts with the formatted problem", () => {
  const p = new Problem("bad", { location: { file: "a.md", line: 2 }, hint: "fix it" });
  assert.match(p.stack ?? "", /^Problem: a\.md:2: bad\n  fix it\n    at /);
});

test("printProblems: a headline, then one formatted problem each; a bug with its stack", () => {
  const out: string[] = [];
  printProblems(new ProblemList([new Problem("a", { location: { file: "x.md", line: 1 } })]), "build failed", (s) => out.push(s));
  assert.deepEqual(out, ["build failed", "x.md:1: a"]);
  const bug: string[] = [];
  printProblems(new TypeError("oops"), undefined, (s) => bug.push(s));
  assert.match(bug[0] ?? "", /^TypeError: oops\n\s+at /);
});
