// TOML for the config files and the content's front matter: parsing with @iarna/toml (a syntax error is
// a Problem at its file and line), merging several config files like `hugo --config a,b`, and finding
// the line where a key is written (so a bad value is reported where it stands).
import TOML from "@iarna/toml";
import { Problem } from "./problem.ts";

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** Deep merge: tables merge key by key, everything else (arrays too) is replaced by the later value. */
export function mergeConfig(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = isObj(prev) && isObj(v) ? mergeConfig(prev, v) : v;
  }
  return out;
}

/**
 * Parses a TOML text; a syntax error becomes a Problem at `file` and the error's line. `firstLine` is
 * the file line of the text's first line (front matter starts on line 2 of a content file).
 */
export function parseToml(text: string, file: string, opts: { firstLine?: number } = {}): Obj {
  try {
    return TOML.parse(text) as Obj;
  } catch (e) {
    const err = e as { line?: number; message?: string };
    const msg = String(err.message ?? e).split("\n")[0] ?? "invalid TOML";
    // @iarna/toml counts lines from 0; some errors (e.g. "Invalid Datetime") come without a position
    const inText = typeof err.line === "number" ? err.line + 1 : Math.max(1, tomlErrorLine(text.split(/\r?\n/), msg));
    throw new Problem(msg, { location: { file, line: inText + (opts.firstLine ?? 1) - 1 } });
  }
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

// ---- where keys are written ------------------------------------------------------------------

export interface KeyPosition {
  /** 1-based */
  line: number;
  /** 1-based, where the key's name starts */
  column: number;
}

const BARE = /^[A-Za-z0-9_-]+/;

/** Reads a dotted key ("a", "a.b", '"x y".z') at text[i]; returns its parts and where it ended. */
function readKey(text: string, i: number): { parts: string[]; end: number } | undefined {
  const parts: string[] = [];
  let j = i;
  for (;;) {
    while (text[j] === " " || text[j] === "\t") j++;
    const c = text[j];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, j + 1);
      if (close < 0) return undefined;
      parts.push(text.slice(j + 1, close));
      j = close + 1;
    } else {
      const m = BARE.exec(text.slice(j));
      if (!m) return undefined;
      parts.push(m[0]);
      j += m[0].length;
    }
    while (text[j] === " " || text[j] === "\t") j++;
    if (text[j] !== ".") return { parts, end: j };
    j++;
  }
}

const skipSpace = (text: string, i: number) => {
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
};

/** The index after a string at text[i] (basic strings may contain escaped quotes). */
function skipString(text: string, i: number): number {
  const q = text[i];
  for (let j = i + 1; j < text.length; j++) {
    if (q === '"' && text[j] === "\\") j++;
    else if (text[j] === q) return j + 1;
  }
  return text.length;
}

/** The index after a value at text[i] inside an inline table: a string, an array, or a bare token. */
function skipValue(text: string, i: number): number {
  if (text[i] === '"' || text[i] === "'") return skipString(text, i);
  if (text[i] === "[") {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      if (text[j] === '"' || text[j] === "'") j = skipString(text, j) - 1;
      else if (text[j] === "[" || text[j] === "{") depth++;
      else if ((text[j] === "]" || text[j] === "}") && --depth === 0) return j + 1;
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && text[j] !== "," && text[j] !== "}") j++;
  return j;
}

/** Records the keys of the inline table `{ a = 1, b = { c = 2 } }` at text[open]; returns the index after it. */
function inlineKeys(text: string, open: number, prefix: string[], line: number, out: Map<string, KeyPosition>): number {
  let i = open + 1;
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length || text[i] === "}") return i + 1;
    const k = readKey(text, i);
    if (!k || text[k.end] !== "=") return text.length;
    const full = [...prefix, ...k.parts];
    out.set(full.join("."), { line, column: i + 1 });
    i = skipSpace(text, k.end + 1);
    i = text[i] === "{" ? inlineKeys(text, i, full, line, out) : skipValue(text, i);
    i = skipSpace(text, i);
    if (text[i] === ",") i++;
  }
}

/** Open brackets minus closed ones on a line, outside strings and comments. */
function bracketBalance(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "#") break;
    if (c === '"' || c === "'") {
      const close = line.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === "[" || c === "{") n++;
    else if (c === "]" || c === "}") n--;
  }
  return n;
}

/**
 * Where each key of a TOML text is written: "params.xmpp.websocket" -> line and column of `websocket`;
 * a table header ([params.xmpp], [[menu.main]]) counts as where its table is written. Keys inside
 * inline tables are found too; keys inside multi-line strings and arrays are not keys.
 */
export function keyPositions(text: string): Map<string, KeyPosition> {
  const out = new Map<string, KeyPosition>();
  const lines = text.split(/\r?\n/);
  let table: string[] = [];
  let open = 0; // brackets of a multi-line array or inline table still open
  let inString: string | undefined; // the delimiter of a multi-line string still open
  lines.forEach((line, n) => {
    if (inString) {
      if (line.includes(inString)) inString = undefined;
      return;
    }
    if (open > 0) {
      open += bracketBalance(line);
      return;
    }
    const header = /^(\s*)\[\[?([^\]]+)\]\]?\s*(#.*)?$/.exec(line);
    if (header) {
      const k = readKey(header[2] as string, 0);
      if (k) {
        table = k.parts;
        if (!out.has(table.join("."))) out.set(table.join("."), { line: n + 1, column: (header[1] as string).length + 1 });
      }
      return;
    }
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    if (line[indent] === "#" || indent === line.length) return;
    const k = readKey(line, indent);
    if (!k || line[k.end] !== "=") return;
    const full = [...table, ...k.parts];
    out.set(full.join("."), { line: n + 1, column: indent + 1 });
    let v = k.end + 1;
    while (line[v] === " " || line[v] === "\t") v++;
    const rest = line.slice(v);
    const ml = /^("""|''')/.exec(rest);
    if (ml && !rest.slice(3).includes(ml[1] as string)) inString = ml[1];
    else if (rest.startsWith("{")) inlineKeys(line, v, full, n + 1, out);
    open = Math.max(0, bracketBalance(rest));
  });
  return out;
}
