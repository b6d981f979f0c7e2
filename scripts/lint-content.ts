// npm run lint:content: checks every content file (scripts/content/lint.ts) and prints `file:line: message`
// for each problem; exit code 1 when there is any.
import { lintContent, formatProblem } from "./content/lint.ts";

const problems = await lintContent();
for (const p of problems) console.error(formatProblem(p));
if (problems.length) {
  console.error(`lint:content: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log("lint:content: ok");
