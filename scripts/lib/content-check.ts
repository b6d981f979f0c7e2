// The check that runs before every build: `npm run lint:content` (scripts/lib/lint.ts), as a build step.
import { lintContent, formatProblem } from "./lint.ts";

/** Returns every problem as `file:line: message` (empty when all is well): the content linter
 *  (scripts/lib/lint.ts — front matter, required keys, types, internal links, translations). */
export async function checkContent(): Promise<string[]> {
  return (await lintContent()).map(formatProblem);
}
