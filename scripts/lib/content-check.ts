// The check that runs before every build: `npm run lint:content` (scripts/lib/lint.ts), as a build step.
import { promises as fs } from "node:fs";
import path from "node:path";
import { lintContent, formatProblem } from "./lint.ts";
import { contentDir } from "./paths.ts";

export async function listContent(dir = contentDir): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(".md")) out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}

/** Returns every problem as `file:line: message` (empty when all is well): the content linter
 *  (scripts/lib/lint.ts — front matter, required keys, types, internal links, translations). */
export async function checkContent(): Promise<string[]> {
  return (await lintContent()).map(formatProblem);
}
