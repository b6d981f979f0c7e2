// The content linter (`npm run lint:content`, and the build's content step). Every problem is a Problem
// at its file and line (printed `file:line: message`, scripts/config/problem.ts):
// - the front matter is TOML (+++) and parses with @iarna/toml;
// - required keys per content type (RULES below) and the types of the known keys (dates are dates,
//   lists are lists of strings, …);
// - internal links and images — markdown `[..](/path/)`, `![..](/img.png)`, relative links, raw HTML
//   href/src, and `{{< relref "page" >}}` / `{{< ref … >}}` — point at pages or files that exist;
// - no link or image uses a javascript:, vbscript: or data: URL, however it is spelled (url-scheme.ts);
// - every page has its translation in every other language (paired like Hugo does: by translationKey,
//   else by the path inside the language's content dir), unless its front matter says
//   `translation = false` (a page that deliberately exists in one language only).
import { promises as fs, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseFrontMatter, keyLine, lineOf } from "./frontmatter.ts";
import { isIsoDate, type LintSite, type ResolvedConfig } from "../config/config.ts";
import { Problem } from "../config/problem.ts";
import { isVagueLinkText } from "./link-text.ts";
import { dangerousLinks } from "./url-scheme.ts";

export type { LintSite };

/** A problem at a line of a content file (file relative to the site's root). */
const problemAt = (file: string, line: number, message: string, hint?: string) => new Problem(message, { location: { file, line }, ...(hint ? { hint } : {}) });

/** Required front matter keys by content type: a section's `_index.md`, a news post, any other page. */
export const RULES: Record<"section" | "post" | "page", string[]> = {
  section: ["title"],
  post: ["title", "date", "description"],
  page: ["title", "description"],
};
/** Sections whose pages are posts (dated, with a description for the list and the feed). */
export const POST_SECTIONS = new Set(["news"]);

const STRING_KEYS = ["title", "description", "slug", "url", "translationKey", "type", "layout", "author", "summary", "linkTitle"];
const DATE_KEYS = ["date", "lastmod", "publishDate", "expiryDate"];
const LIST_KEYS = ["tags", "categories", "keywords", "aliases"];
const BOOL_KEYS = ["draft", "translation", "headless"];
const INT_KEYS = ["weight"];

interface Page {
  file: string; // relative to root
  abs: string;
  lang: string;
  /** path inside the language's content dir, e.g. news/_index.md */
  rel: string;
  text: string;
  data: Record<string, unknown>;
  body: string;
  bodyOffset: number;
  url: string;
  kind: "section" | "post" | "page";
  /** front matter did not parse: the file still counts as a page (for links), its checks wait for the fix */
  broken?: boolean;
}

async function walk(dir: string, out: string[] = []): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else out.push(p);
  }
  return out.sort();
}

/** Hugo's urlize for paths and terms: lower case, spaces to hyphens. */
export function urlize(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, "-").replace(/[^\p{L}\p{N}\-_./]/gu, "");
}

function langPrefix(site: LintSite, lang: string): string {
  return lang === site.defaultLanguage && !site.defaultInSubdir ? "" : `/${lang}`;
}

function pageUrl(site: LintSite, lang: string, rel: string, data: Record<string, unknown>): string {
  if (typeof data.url === "string" && data.url) {
    const u = data.url.startsWith("/") ? data.url : `/${data.url}`;
    return u.endsWith("/") || /\.[a-z0-9]+$/i.test(u) ? u : `${u}/`;
  }
  const dir = path.posix.dirname(rel.split(path.sep).join("/"));
  const base = path.posix.basename(rel, ".md");
  const dirPart = dir === "." ? "" : `/${dir.split("/").map(urlize).join("/")}`;
  if (base === "_index" || base === "index") return `${langPrefix(site, lang)}${dirPart}/`;
  const slug = typeof data.slug === "string" && data.slug ? data.slug : base;
  return `${langPrefix(site, lang)}${dirPart}/${urlize(slug)}/`;
}

function pageKind(rel: string, data: Record<string, unknown>): Page["kind"] {
  if (path.basename(rel) === "_index.md") return "section";
  const section = rel.split(path.sep)[0] ?? "";
  if (typeof data.type === "string" && data.type !== section) return data.type === "post" ? "post" : "page";
  return rel.includes(path.sep) && POST_SECTIONS.has(section) ? "post" : "page";
}

const show = (v: unknown) => (v instanceof Date ? v.toISOString() : JSON.stringify(v));

function checkTypes(p: Page, problems: Problem[]): void {
  const at = (key: string, message: string) => problems.push(problemAt(p.file, keyLine(p.text, key), message));
  for (const k of STRING_KEYS) if (k in p.data && typeof p.data[k] !== "string") at(k, `${k} must be a string, got ${show(p.data[k])}`);
  for (const k of DATE_KEYS) {
    if (!(k in p.data)) continue;
    const v = p.data[k];
    const ok = (v instanceof Date && !Number.isNaN(v.getTime()) && !(v as { isTime?: boolean }).isTime) || (typeof v === "string" && isIsoDate(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)));
    if (!ok) at(k, `${k} must be a date like ${k} = 2017-06-27 (or 2017-06-27T10:00:00Z), got ${show(v)}`);
  }
  for (const k of LIST_KEYS) {
    if (!(k in p.data)) continue;
    const v = p.data[k];
    if (!Array.isArray(v)) at(k, `${k} must be a list like ${k} = ["a", "b"], got ${show(v)}`);
    else if (v.some((x) => typeof x !== "string" || x.trim() === "")) at(k, `${k} must contain only non-empty strings, got ${show(v)}`);
  }
  for (const k of BOOL_KEYS) if (k in p.data && typeof p.data[k] !== "boolean") at(k, `${k} must be true or false, got ${show(p.data[k])}`);
  for (const k of INT_KEYS) if (k in p.data && !Number.isInteger(p.data[k])) at(k, `${k} must be a whole number, got ${show(p.data[k])}`);
  for (const k of RULES[p.kind]) {
    const v = p.data[k];
    if (v === undefined) problems.push(problemAt(p.file, 1, `front matter has no ${k} (required for a ${p.kind === "section" ? "section (_index.md)" : p.kind === "post" ? "news post" : "page"}: ${RULES[p.kind].join(", ")})`));
    else if (typeof v === "string" && v.trim() === "") at(k, `${k} is empty`);
  }
}

/** Strips fenced and inline code, where link syntax is text, keeping offsets (replaced by spaces). */
function maskCode(body: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, " ");
  return body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank).replace(/`[^`\n]+`/g, blank);
}

interface Ref {
  offset: number;
  kind: "link" | "ref";
  target: string;
  lang?: string;
}

/** Cheap test before findRefs' regular expressions: most posts have no link at all. */
const MAY_LINK = /\]\(|href|src|\{\{[<%]\s*(?:rel)?ref\b/;

function findRefs(body: string): Ref[] {
  if (!MAY_LINK.test(body)) return [];
  const text = maskCode(body);
  const refs: Ref[] = [];
  // {{< relref "x" >}}, {{< ref "x" >}}, {{< relref path="x" lang="de" >}}
  for (const m of text.matchAll(/\{\{[<%]\s*(?:rel)?ref\s+([^>%]*?)\s*[>%]\}\}/g)) {
    const args = m[1] ?? "";
    const named = Object.fromEntries([...args.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)].map((a) => [a[1], a[2]]));
    const positional = /^"([^"]*)"/.exec(args)?.[1];
    const target = named.path ?? positional;
    if (target !== undefined) refs.push({ offset: m.index ?? 0, kind: "ref", target, ...(named.lang ? { lang: named.lang } : {}) });
  }
  // markdown links and images: [text](target "title"), ![alt](target)
  for (const m of text.matchAll(/!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) refs.push({ offset: m.index ?? 0, kind: "link", target: m[1] as string });
  // raw HTML (where the site allows it): href="/x", src="/x"
  for (const m of text.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)) refs.push({ offset: m.index ?? 0, kind: "link", target: m[1] as string });
  return refs;
}

/**
 * Links whose text says nothing about their target ("hier", "click here", see link-text.ts): markdown
 * links (not images) and raw HTML anchors, outside code. Returns each with its offset in the body.
 */
export function vagueLinks(body: string, lang?: string): { offset: number; text: string }[] {
  if (!body.includes("](") && !/<a\b/i.test(body)) return [];
  const text = maskCode(body);
  const out: { offset: number; text: string }[] = [];
  for (const m of text.matchAll(/(?<!!)\[([^\]\n]*)\]\(/g)) if (isVagueLinkText(m[1] ?? "", lang)) out.push({ offset: m.index ?? 0, text: m[1] as string });
  for (const m of text.matchAll(/<a\b[^>]*>([\s\S]*?)<\/a>/gi)) {
    const inner = (m[1] ?? "").replace(/<[^>]*>/g, "");
    if (isVagueLinkText(inner, lang)) out.push({ offset: m.index ?? 0, text: inner });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** Checks every content file of the site the resolved config describes (its `lint` part). */
export async function lintContent(config: Pick<ResolvedConfig, "lint">): Promise<Problem[]> {
  const s = config.lint;
  const problems: Problem[] = [];
  const pages: Page[] = [];

  for (const lang of s.languages) {
    const dir = path.resolve(s.root, lang.contentDir);
    const files = (await walk(dir)).filter((f) => f.endsWith(".md"));
    for (const abs of files) {
      const file = path.relative(s.root, abs);
      const rel = path.relative(dir, abs);
      // readFileSync: for many small files about 10 times faster than fs.promises.readFile (one
      // thread-pool round trip per file instead of several): 2.1 s -> 0.1 s for 10,000 posts
      const text = readFileSync(abs, "utf8");
      let fm;
      try {
        fm = parseFrontMatter(text, file);
      } catch (e) {
        if (!(e instanceof Problem)) throw e;
        problems.push(e);
        fm = undefined;
      }
      if (fm && fm.format !== "toml") problems.push(problemAt(file, 1, fm.format === "none" ? "no front matter (expected +++ TOML +++ with a title)" : `front matter must be TOML between +++ lines, not ${fm.format.toUpperCase()}`));
      if (!fm || fm.format !== "toml") {
        pages.push({ file, abs, lang: lang.code, rel, text, data: {}, body: "", bodyOffset: 0, url: pageUrl(s, lang.code, rel, {}), kind: pageKind(rel, {}), broken: true });
        continue;
      }
      const bodyOffset = text.split(/\r?\n/).slice(0, fm.bodyLine - 1).join("\n").length + 1;
      const kind = pageKind(rel, fm.data);
      pages.push({ file, abs, lang: lang.code, rel, text, data: fm.data, body: fm.body, bodyOffset, url: pageUrl(s, lang.code, rel, fm.data), kind });
    }
  }

  // everything a link may point at
  const urls = new Set<string>(s.generated);
  const terms = new Map<string, Set<string>>(); // lang prefix + taxonomy -> urlized terms
  for (const p of pages) {
    urls.add(p.url);
    if (p.kind === "section" || p.rel === "_index.md") urls.add(`${p.url}index.xml`);
    for (const t of s.taxonomies) {
      const v = p.data[t];
      if (!Array.isArray(v)) continue;
      const key = `${langPrefix(s, p.lang)}/${t}`;
      if (!terms.has(key)) terms.set(key, new Set());
      for (const term of v) if (typeof term === "string") terms.get(key)?.add(urlize(term));
    }
    if (Array.isArray(p.data.aliases)) for (const a of p.data.aliases) if (typeof a === "string") urls.add(a.endsWith("/") ? a : `${a}/`);
  }
  for (const l of s.languages) {
    const pre = langPrefix(s, l.code);
    urls.add(`${pre}/`);
    urls.add(`${pre}/index.xml`);
    urls.add(`${pre}/sitemap.xml`);
    urls.add(`${pre}/404.html`);
  }
  for (const [key, set] of terms) {
    urls.add(`${key}/`);
    for (const t of set) {
      urls.add(`${key}/${t}/`);
      urls.add(`${key}/${t}/index.xml`);
    }
  }
  const staticFiles = new Set<string>();
  for (const d of s.staticDirs) for (const f of await walk(d)) staticFiles.add(`/${path.relative(d, f).split(path.sep).join("/")}`);

  const exists = (sitePath: string, from: Page): boolean => {
    let p: string;
    try {
      p = decodeURI(sitePath);
    } catch {
      p = sitePath;
    }
    if (urls.has(p) || staticFiles.has(p)) return true;
    if (!p.endsWith("/") && !/\.[a-z0-9]+$/i.test(p) && urls.has(`${p}/`)) return true; // /technik -> /technik/ (nginx redirects)
    if (p.endsWith("/index.html") && urls.has(p.slice(0, -"index.html".length))) return true;
    // a file next to the page (page bundle resources)
    const bundleDir = path.dirname(from.abs);
    const inBundle = path.join(bundleDir, path.relative(from.url, p));
    return path.basename(from.abs) === "index.md" && existsSync(inBundle);
  };

  const byLangRel = new Map<string, Page>();
  for (const p of pages) byLangRel.set(`${p.lang}:${p.rel.split(path.sep).join("/")}`, p);
  // pages by language and path without extension ("news/foo", "" for _index at the top), and by the
  // last segment of that path, each the first in file order (a linear search per ref made the check
  // quadratic: 10,000 posts and a few dozen refs took 170 ms)
  const relNoExt = (p: Page) => p.rel.split(path.sep).join("/").replace(/\.md$/, "").replace(/\/(_?index)$/, "").replace(/^(_?index)$/, "");
  const byPath = new Map<string, Page>();
  const byBase = new Map<string, Page>();
  for (const p of pages) {
    const r = relNoExt(p);
    if (!byPath.has(`${p.lang}:${r}`)) byPath.set(`${p.lang}:${r}`, p);
    if (r.includes("/") && !byBase.has(`${p.lang}:${path.posix.basename(r)}`)) byBase.set(`${p.lang}:${path.posix.basename(r)}`, p);
  }
  const resolveRef = (target: string, from: Page, lang: string): Page | undefined => {
    const clean = target.split("#")[0]?.replace(/\.md$/, "").replace(/\/$/, "") ?? "";
    if (clean === "" || clean === "/") return byLangRel.get(`${lang}:_index.md`);
    if (clean.startsWith("/")) return byPath.get(`${lang}:${clean.slice(1)}`);
    const fromDir = path.posix.dirname(from.rel.split(path.sep).join("/"));
    const relative = path.posix.normalize(path.posix.join(fromDir === "." ? "" : fromDir, clean));
    const direct = byPath.get(`${lang}:${relative}`) ?? byPath.get(`${lang}:${clean}`);
    if (direct) return direct;
    // like Hugo, a ref may name a page by the end of its path
    if (!clean.includes("/")) return byBase.get(`${lang}:${clean}`);
    return pages.find((p) => p.lang === lang && relNoExt(p).endsWith(`/${clean}`));
  };

  for (const p of pages) {
    if (p.broken) continue;
    checkTypes(p, problems);
    for (const v of vagueLinks(p.body, p.lang)) {
      problems.push(problemAt(p.file, lineOf(p.text, p.bodyOffset + v.offset), `link text "${v.text.trim()}" does not say where the link leads`, `name the target (e.g. "what XMPP is" instead of "hier"/"here")`));
    }
    const dangerous = dangerousLinks(p.body);
    for (const d of dangerous) {
      problems.push(problemAt(p.file, lineOf(p.text, p.bodyOffset + d.offset), `link to a ${d.scheme}: URL (${JSON.stringify(d.url.length > 60 ? `${d.url.slice(0, 60)}…` : d.url)}): content must not run code or embed documents through links`, "link to a page or an https:// address instead"));
    }
    const dangerousAt = new Set(dangerous.map((d) => d.offset));
    for (const r of findRefs(p.body)) {
      if (dangerousAt.has(r.offset)) continue;
      const line = lineOf(p.text, p.bodyOffset + r.offset);
      if (r.kind === "ref") {
        if (r.target.includes("{{")) continue;
        const lang = r.lang ?? p.lang;
        if (!resolveRef(r.target, p, lang)) problems.push(problemAt(p.file, line, `ref "${r.target}"${r.lang ? ` (lang ${r.lang})` : ""} points at no page in ${s.languages.find((l) => l.code === lang)?.contentDir ?? lang}`));
        continue;
      }
      const t = r.target;
      if (/^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith("//") || t.startsWith("#") || t.includes("{{")) continue; // other origins, anchors, shortcodes
      const pathPart = t.split(/[?#]/)[0] as string;
      if (!pathPart) continue;
      const target = pathPart.startsWith("/") ? pathPart : path.posix.join(p.url, pathPart) + (pathPart.endsWith("/") ? "/" : "");
      if (!exists(target, p)) {
        const what = /\.(png|jpe?g|gif|svg|webp|avif|ico)$/i.test(pathPart) ? "image" : "link";
        problems.push(problemAt(p.file, line, `${what} ${t} points at no page or file of this site${pathPart.startsWith("/") ? "" : ` (resolved to ${target})`}`));
      }
    }
  }

  // translations
  const pairKey = (p: Page) => (typeof p.data.translationKey === "string" && p.data.translationKey ? `key:${p.data.translationKey}` : `path:${p.rel.split(path.sep).join("/")}`);
  const groups = new Map<string, Map<string, Page>>();
  for (const p of pages) {
    const k = pairKey(p);
    if (!groups.has(k)) groups.set(k, new Map());
    const g = groups.get(k) as Map<string, Page>;
    const dup = g.get(p.lang);
    if (dup) problems.push(problemAt(p.file, keyLine(p.text, "translationKey"), `translationKey "${p.data.translationKey}" is also used by ${dup.file}`));
    else g.set(p.lang, p);
  }
  // while a language has files whose front matter does not parse, their translationKeys are unknown
  const unsure = new Set(pages.filter((p) => p.broken).map((p) => p.lang));
  for (const g of groups.values()) {
    for (const p of g.values()) {
      if (p.broken || p.data.translation === false || p.data.draft === true || p.data.headless === true) continue;
      for (const l of s.languages) {
        if (g.has(l.code) || unsure.has(l.code)) continue;
        problems.push(
          problemAt(
            p.file,
            typeof p.data.translationKey === "string" ? keyLine(p.text, "translationKey") : 1,
            `no ${l.code} translation`,
            `add ${path.join(l.contentDir, p.rel)}${typeof p.data.translationKey === "string" ? ` with translationKey = "${p.data.translationKey}"` : ""}, or set translation = false`,
          ),
        );
      }
    }
  }

  const key = (p: Problem) => [p.location?.file ?? "", p.location?.line ?? 0] as const;
  return problems.sort((a, b) => {
    const [fa, la] = key(a);
    const [fb, lb] = key(b);
    return fa === fb ? la - lb : fa < fb ? -1 : 1;
  });
}
