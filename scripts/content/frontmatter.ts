// Reads the front matter of a content file and reports problems as `file:line: message`.
import TOML from "@iarna/toml";

export interface FrontMatter {
  format: "toml" | "yaml" | "json" | "none";
  data: Record<string, unknown>;
  /** 1-based line of the first body line */
  bodyLine: number;
  body: string;
}

export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = "ContentError";
  }
}

/** Splits and parses TOML (+++) front matter. YAML/JSON front matter is left to Hugo but recognised. */
export function parseFrontMatter(text: string, file: string): FrontMatter {
  const src = text.replace(/^\uFEFF/, "");
  const lines = src.split(/\r?\n/);
  const first = lines[0]?.trim();
  if (first === "+++" || first === "---") {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === first);
    if (end < 0) throw new ContentError(file, 1, `front matter opened with ${first} is never closed`);
    const raw = lines.slice(1, end).join("\n");
    const body = lines.slice(end + 1).join("\n");
    if (first === "---") return { format: "yaml", data: {}, bodyLine: end + 2, body };
    try {
      const data = TOML.parse(raw) as Record<string, unknown>;
      return { format: "toml", data, bodyLine: end + 2, body };
    } catch (e) {
      const err = e as { line?: number; message?: string };
      const msg = String(err.message ?? e).split("\n")[0] ?? "invalid TOML";
      // @iarna/toml counts lines from 0 within the block; the block starts on file line 2.
      const line = typeof err.line === "number" ? err.line + 2 : tomlErrorLine(lines.slice(1, end), msg) + 1;
      throw new ContentError(file, line, `invalid TOML front matter: ${msg}`);
    }
  }
  if (first?.startsWith("{")) return { format: "json", data: {}, bodyLine: 1, body: src };
  return { format: "none", data: {}, bodyLine: 1, body: src };
}

/** For errors @iarna/toml reports without a position (e.g. "Invalid Datetime"): the first line whose
 *  prefix of the block fails with the same message (1-based within the block; 0 when not found). */
export function tomlErrorLine(block: string[], msg: string): number {
  for (let k = 1; k <= block.length; k++) {
    try {
      TOML.parse(block.slice(0, k).join("\n"));
    } catch (e) {
      if (String((e as Error).message).split("\n")[0] === msg) return k;
    }
  }
  return 0;
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
