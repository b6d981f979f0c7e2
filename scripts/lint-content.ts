// npm run lint:content: checks every content file (scripts/content/lint.ts) of the site the config
// describes and prints each problem as `file:line: message` (the hint on the next line); exit code 1
// when there is any. Options: npm run lint:content -- --help.
import { lintContent } from "./content/lint.ts";
import { resolveConfig } from "./config/config.ts";
import { parseCommand, CONFIG_OPTION, configFilesOf } from "./config/cli.ts";
import { formatProblem, printProblems } from "./config/problem.ts";

const COMMAND = {
  usage: "npm run lint:content --",
  name: "lint:content",
  summary: "Checks the content: TOML front matter, required keys, links and images, link texts, translations.",
  options: { config: CONFIG_OPTION },
} as const;

const { values } = parseCommand(COMMAND);
let problems;
try {
  problems = await lintContent(await resolveConfig(configFilesOf(values.config)));
} catch (e) {
  printProblems(e, "lint:content: the configuration is invalid, so the content was not checked.");
  process.exit(1);
}
for (const p of problems) console.error(formatProblem(p));
if (problems.length) {
  console.error(`lint:content: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log("lint:content: ok");
