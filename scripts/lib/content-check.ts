// The check that runs before every build: every content file's front matter parses and has a title.
import { promises as fs } from "node:fs";
import path from "node:path";
import { parseFrontMatter, ContentError } from "./frontmatter.ts";
import { root, contentDir } from "./paths.ts";

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

/** Returns every problem as `file:line: message` (empty when all is well). */
export async function checkContent(dir = contentDir): Promise<string[]> {
  const problems: string[] = [];
  for (const file of await listContent(dir)) {
    const rel = path.relative(root, file);
    const text = await fs.readFile(file, "utf8");
    try {
      const fm = parseFrontMatter(text, rel);
      if (fm.format === "toml") {
        const t = fm.data.title;
        if (typeof t !== "string" || t.trim() === "") problems.push(`${rel}:1: front matter has no title`);
      } else if (fm.format === "none") {
        problems.push(`${rel}:1: no front matter (expected +++ TOML with a title)`);
      }
    } catch (e) {
      if (e instanceof ContentError) problems.push(e.message);
      else throw e;
    }
  }
  return problems;
}
