// Links in content that would run code or carry a document when clicked: javascript:, vbscript: and
// data: URLs. Takes a page's Markdown body; returns each such URL with its offset, for lint:content to
// report at its line. A browser strips leading spaces and controls and ignores tabs and line breaks
// inside a scheme ("java\tscript:" is javascript:), and Goldmark decodes character references in a
// destination ("&#106;avascript:"), so both are undone before the scheme is read.

/** Schemes a link in content must never use. */
export const DANGEROUS_SCHEMES: ReadonlySet<string> = new Set(["javascript", "vbscript", "data"]);

const NAMED: ReadonlyMap<string, string> = new Map([
  ["amp", "&"],
  ["colon", ":"],
  ["tab", "\t"],
  ["newline", "\n"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
  ["nbsp", "\u00a0"],
]);

/** Decodes numeric and the common named character references (the ones that can spell a scheme). */
function decodeRefs(s: string): string {
  return s.replace(/&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|([a-zA-Z]+));?/g, (m, hex?: string, dec?: string, name?: string) => {
    const code = hex !== undefined ? parseInt(hex, 16) : dec !== undefined ? parseInt(dec, 10) : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    return NAMED.get((name ?? "").toLowerCase()) ?? m;
  });
}

/** The dangerous scheme a URL uses as a browser reads it ("javascript", "data", ...), or undefined. */
export function dangerousScheme(raw: string): string | undefined {
  // what a browser's URL parser drops: leading/trailing C0 controls and spaces, tabs and line breaks anywhere
  const url = decodeRefs(raw)
    .replace(/^[\u0000-\u0020]+/, "")
    .replace(/[\t\n\r]/g, "");
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  return scheme !== undefined && DANGEROUS_SCHEMES.has(scheme) ? scheme : undefined;
}

/** Fenced and inline code blanked out (same length), where link syntax is only text. */
function maskCode(body: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, " ");
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank).replace(/`[^`\n]+`/g, blank);
}

const PATTERNS = [
  // inline links and images: [text](url "title"), ![alt](<url>)
  /!?\[[^\]]*\]\(\s*(<[^>\n]*>|(?:[^\s()]|\([^\s)]*\))+)/g,
  // reference definitions: [label]: url
  /^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)/gm,
  // autolinks: <scheme:...> (not the <...> form of an inline link's destination)
  /(?<!\(\s*)<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>/g,
  // raw HTML attributes that take a URL, quoted or not
  /\b(?:href|src|action|formaction|poster|xlink:href)\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)/gi,
];

/** Every link target in the body (outside code) that uses a dangerous scheme, in order. */
export function dangerousLinks(body: string): { offset: number; url: string; scheme: string }[] {
  if (!/:/.test(body)) return [];
  const text = maskCode(body);
  const out: { offset: number; url: string; scheme: string }[] = [];
  for (const re of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const url = (m[1] ?? "").replace(/^["'<]|["'>]$/g, "");
      const scheme = dangerousScheme(url);
      if (scheme) out.push({ offset: m.index ?? 0, url, scheme });
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}
