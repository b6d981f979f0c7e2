import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFrontMatter, keyLine, lineOf } from "./frontmatter.ts";
import { Problem, formatProblem } from "../config/problem.ts";

/** The thrown Problem, formatted as the reporter prints it (file:line: message). */
const located = (re: RegExp) => (e: unknown) => e instanceof Problem && re.test(formatProblem(e));

test("parses TOML front matter and the body line", () => {
  const fm = parseFrontMatter('+++\ntitle = "Hi"\nkeywords = ["a"]\n+++\nBody', "x.md");
  assert.equal(fm.format, "toml");
  assert.equal(fm.data.title, "Hi");
  assert.deepEqual(fm.data.keywords, ["a"]);
  assert.equal(fm.bodyLine, 5);
  assert.equal(fm.body, "Body");
});

test("broken TOML names file and the line of the error", () => {
  const text = '+++\ntitle = "ok"\ndate = \nurl = "x"\n+++\n';
  assert.throws(
    () => parseFrontMatter(text, "content/de/bad.md"),
    (e: unknown) => e instanceof Problem && e.location?.file === "content/de/bad.md" && e.location.line === 3 && /content\/de\/bad\.md:3: invalid TOML/.test(formatProblem(e)),
  );
});

test("unclosed front matter is an error on line 1", () => {
  assert.throws(() => parseFrontMatter('+++\ntitle = "x"\n', "a.md"), located(/a\.md:1: front matter opened with \+\+\+ is never closed/));
});

test("keyLine finds the key", () => {
  assert.equal(keyLine('+++\ntitle = "x"\ndraft = true\n+++', "draft"), 3);
  assert.equal(keyLine("+++\n+++", "title"), 1);
});

test("keyLine looks only inside the front matter; lineOf counts lines", () => {
  assert.equal(keyLine('+++\ntitle = "x"\n+++\ndraft = true\n', "draft"), 1);
  assert.equal(lineOf("a\nb\nc", 0), 1);
  assert.equal(lineOf("a\nb\nc", 4), 3);
});

test("an error TOML reports without a position (invalid date) still gets its line", () => {
  assert.throws(() => parseFrontMatter('+++\ntitle = "K"\ndate = 2024-13-45\ndraft = false\n+++\nText\n', "k.md"), located(/k\.md:3: invalid TOML front matter: Invalid Datetime/));
});
