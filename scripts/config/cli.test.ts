import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { helpText, configFilesOf, CONFIG_OPTION } from "./cli.ts";
import { configFile, root } from "./paths.ts";

test("the help lists every option with its value, default and the help option", () => {
  const text = helpText({
    usage: "npm run x --",
    name: "x",
    summary: "Does x.",
    positionals: "[<dir>]",
    options: { keep: { type: "string", value: "N", default: "5", help: "how many" }, dry: { type: "boolean", help: "only say" }, config: CONFIG_OPTION },
  });
  assert.equal(
    text,
    [
      "usage: npm run x -- [options] [<dir>]",
      "",
      "Does x.",
      "",
      "options:",
      "  --keep N                how many (default: 5)",
      "  --dry                   only say",
      "  --config a.toml,b.toml  config files, merged left to right (later ones override); default: the project's hugo.toml",
      "  -h, --help              show this help",
    ].join("\n"),
  );
});

test("--config: comma-separated files; none means the project's hugo.toml", () => {
  assert.deepEqual(configFilesOf(undefined), [configFile]);
  assert.deepEqual(configFilesOf(""), [configFile]);
  assert.deepEqual(configFilesOf("/a.toml,/b.toml"), ["/a.toml", "/b.toml"]);
});

test("a command refuses an unknown option with exit 2 and says where the options are; --help exits 0", () => {
  const run = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "scripts/lint-content.ts", ...args], { cwd: root, encoding: "utf8" });
  const bad = run(["--no-such-option"]);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, "lint:content: unknown option --no-such-option\n  run npm run lint:content -- --help for the options\n");
  const help = run(["--help"]);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^usage: npm run lint:content -- \[options\]\n/);
  assert.match(help.stdout, /--config a\.toml,b\.toml/);
});
