// Reads the front matter of a content file; a problem with it is a Problem at the file and line.
import { Problem } from "../config/problem.ts";
import { parseToml } from "../config/toml.ts";

export interface FrontMatter {
  format: "toml" | "yaml" | "json" | "none";
  data: Record<string, unknown>;
  /** 1-based line of the first body line */
  bodyLine: number;
  body: string;
}

/** Splits and parses TOML (+++) front matter. YAML/JSON front matter is left to Hugo but recognised. */
export function parseFrontMatter(text: string, file: string): FrontMatter {
  const src = text.replace(/^\uFEFF/, "");
  const lines = src.split(/\r?\n/);
  const first = lines[0]?.trim();
  if (first === "+++" || first === "---") {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === first);
    if (end < 0) throw new Problem(`front matter opened with ${first} is never closed`, { location: { file, line: 1 } });
    const raw = lines.slice(1, end).join("\n");
    const body = lines.slice(end + 1).join("\n");
    if (first === "---") return { format: "yaml", data: {}, bodyLine: end + 2, body };
    try {
      return { format: "toml", data: parseToml(raw, file, { firstLine: 2 }), bodyLine: end + 2, body };
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      throw new Problem(`invalid TOML front matter: ${e.message}`, e.location ? { location: e.location } : {});
    }
  }
  if (first?.startsWith("{")) return { format: "json", data: {}, bodyLine: 1, body: src };
  return { format: "none", data: {}, bodyLine: 1, body: src };
}

/** The line (1-based) where `key = ...` stands in the front matter (not the body), or 1. */
export function keyLine(text: string, key: string): number {
  const lines = text.split(/\r?\n/);
  const fence = lines[0]?.trim();
  const end = fence === "+++" || fence === "---" ? lines.findIndex((l, i) => i > 0 && l.trim() === fence) : -1;
  const re = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*[=:]`);
  const i = lines.findIndex((l, n) => (end < 0 || n < end) && re.test(l));
  return i < 0 ? 1 : i + 1;
}

/** The line (1-based) of a character offset in a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
