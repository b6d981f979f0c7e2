// Content written for another theme renders clean with broccoli, on both Hugo versions the theme supports:
// e2e/fixtures/foreign-site (a site with only `theme = "broccoli"`, YAML/TOML/JSON front matter, h1 in page
// bodies, Hugo's built-in shortcodes) is built with plain hugo, and every page's HTML is checked for what the
// strict CSP and the house rules forbid: style attributes, inline scripts, requests to another origin, a second
// h1, table-of-contents links to nowhere, internal links to nowhere, deprecation warnings.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentHugo, runHugo, stableHugo } from "../build/hugo.ts";
import { root } from "../config/paths.ts";

const fixture = path.join(root, "e2e/fixtures/foreign-site");
const origin = "http://127.0.0.1"; // the fixture's baseURL

// --- a small HTML reader: enough for Hugo's output (attribute values are escaped, code is &lt;-escaped) ---

interface Tag {
  name: string;
  attrs: Map<string, string>;
  /** offset of the tag in the page */
  at: number;
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#34": '"' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return entities[e.toLowerCase()] ?? m;
  });

function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g)) {
    const attrs = new Map<string, string>();
    for (const a of (m[2] ?? "").matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attrs.set((a[1] as string).toLowerCase(), decode(a[2] ?? a[3] ?? a[4] ?? ""));
    }
    out.push({ name: (m[1] as string).toLowerCase(), attrs, at: m.index ?? 0 });
  }
  return out;
}

interface Page {
  /** e.g. "posts/yaml-post/index.html" */
  file: string;
  /** the page's address, e.g. http://127.0.0.1/posts/yaml-post/ */
  url: URL;
  html: string;
  tags: Tag[];
  ids: string[];
  /** Hugo's alias pages (a meta refresh to the real address) */
  isAlias: boolean;
}

async function readPages(dir: string): Promise<Page[]> {
  const pages: Page[] = [];
  async function walk(d: string): Promise<void> {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(".html")) {
        const file = path.relative(dir, p).split(path.sep).join("/");
        const html = await fs.readFile(p, "utf8");
        const t = tags(html);
        pages.push({
          file,
          url: new URL(file.replace(/(^|\/)index\.html$/, "$1"), `${origin}/`),
          html,
          tags: t,
          ids: t.flatMap((x) => (x.attrs.has("id") ? [x.attrs.get("id") as string] : [])),
          isAlias: t.some((x) => x.name === "meta" && x.attrs.get("http-equiv")?.toLowerCase() === "refresh"),
        });
      }
    }
  }
  await walk(dir);
  return pages.sort((a, b) => a.file.localeCompare(b.file));
}

/** The text of every element <name>…</name> (no nesting of the same element, as for headings). */
const elements = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "gi"))].map((m) => decode((m[1] as string).replace(/<[^>]+>/g, "")).trim());

/** Where a URL in a page points; null for what loads nothing (fragments, mailto:, xmpp:, tel:). */
function resolve(page: Page, value: string): URL | null {
  const v = value.trim();
  if (v === "" || /^(mailto|xmpp|tel):/i.test(v)) return null;
  return new URL(v, page.url);
}

/** The attributes through which a page loads something: [tag, attribute] */
const loading: Array<[string, string]> = [
  ["img", "src"],
  ["img", "srcset"],
  ["source", "src"],
  ["source", "srcset"],
  ["script", "src"],
  ["iframe", "src"],
  ["frame", "src"],
  ["embed", "src"],
  ["object", "data"],
  ["video", "src"],
  ["video", "poster"],
  ["audio", "src"],
  ["track", "src"],
  ["input", "src"],
  ["link", "href"],
  ["image", "href"],
  ["image", "xlink:href"],
  ["use", "href"],
  ["use", "xlink:href"],
];

/** The TOC links of a page with their depth (1 = top-level list item), from Hugo's nav#TableOfContents. */
function tocLinks(html: string): Array<{ fragment: string; depth: number }> {
  const start = html.search(/<nav id="?TableOfContents"?>/);
  if (start < 0) return [];
  const end = html.indexOf("</nav>", start);
  const toc = html.slice(start, end);
  const out: Array<{ fragment: string; depth: number }> = [];
  let depth = 0;
  for (const m of toc.matchAll(/<(\/?)(ul|ol)\b[^>]*>|<a\s[^>]*href="?#([^"\s>]*)"?[^>]*>/g)) {
    if (m[2]) depth += m[1] ? -1 : 1;
    else out.push({ fragment: decode(decodeURIComponent(m[3] as string)), depth });
  }
  return out;
}

const headingLevel = (page: Page, id: string) => {
  const t = page.tags.find((x) => x.attrs.get("id") === id);
  const m = t && /^h([1-6])$/.exec(t.name);
  return m ? Number(m[1]) : 0;
};

// --- the checks, for each Hugo the theme supports ---

const hugos = [
  { name: "current Hugo", bin: currentHugo },
  { name: "Debian stable's Hugo (0.111)", bin: stableHugo },
];

for (const hugo of hugos) {
  describe(`a site written for another theme, built with ${hugo.name}`, () => {
    let tmp = "";
    let out = "";
    let warnings = "";
    let pages: Page[] = [];
    const page = (file: string): Page => {
      const p = pages.find((x) => x.file === file);
      assert.ok(p, `${file} was built`);
      return p;
    };
    const real = () => pages.filter((p) => !p.isAlias);

    before(async () => {
      assert.ok(existsSync(hugo.bin), `${hugo.bin} is missing: run npm run setup`);
      tmp = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-foreign-"));
      out = path.join(tmp, "public");
      // plain hugo on the fixture as it is (its own hugo.toml, themesDir ../../../themes); nothing written beside it
      warnings = await runHugo(["--source", fixture, "--destination", out, "--cacheDir", path.join(tmp, "cache"), "--noBuildLock"], {
        env: { HUGO_BIN: hugo.bin, HUGO_RESOURCEDIR: path.join(tmp, "resources") },
      });
      pages = await readPages(out);
    });

    after(async () => {
      if (tmp) await fs.rm(tmp, { recursive: true, force: true });
    });

    test("it builds every page: home, the list section, the YAML, TOML and JSON posts, the bundle, tags", () => {
      for (const f of [
        "index.html",
        "posts/index.html",
        "posts/yaml-post/index.html",
        "posts/toml-post/index.html",
        "posts/json-post/index.html",
        "gallery/index.html",
        "tags/index.html",
        "tags/hugo/index.html",
        "tags/video/index.html",
        "404.html",
      ])
        page(f);
      assert.ok(real().length >= 15, `${real().length} pages`);
    });

    test("no WARN names a deprecation", () => {
      const deprecations = warnings.split("\n").filter((l) => /deprecat/i.test(l));
      assert.deepEqual(deprecations, [], "hugo warned about deprecated features");
    });

    test("no page has a style attribute, a <style> element or an event-handler attribute", () => {
      const bad: string[] = [];
      for (const p of pages) {
        for (const t of p.tags) {
          if (t.name === "style") bad.push(`${p.file}: <style>`);
          for (const a of t.attrs.keys()) if (a === "style" || /^on[a-z]+$/.test(a)) bad.push(`${p.file}: <${t.name} ${a}=…>`);
        }
        // the same, read as plain text (a tag the reader above could not parse must not hide one)
        if (/<[a-z][^>]*\sstyle\s*=/i.test(p.html) && !bad.some((b) => b.startsWith(p.file))) bad.push(`${p.file}: style=`);
      }
      assert.deepEqual(bad, []);
    });

    test("no inline script: every <script> has a src, except JSON-LD data", () => {
      const bad: string[] = [];
      for (const p of pages) {
        for (const t of p.tags) {
          if (t.name === "script" && !t.attrs.get("src") && t.attrs.get("type") !== "application/ld+json") bad.push(`${p.file}: <script ${[...t.attrs.keys()].join(" ")}>`);
          for (const a of ["href", "src", "action"]) if (/^\s*javascript:/i.test(t.attrs.get(a) ?? "")) bad.push(`${p.file}: ${a}=javascript:`);
        }
        const scripts = (p.html.match(/<script\b/gi) ?? []).length;
        assert.equal(scripts, p.tags.filter((t) => t.name === "script").length, `${p.file}: every <script> tag was read`);
      }
      assert.deepEqual(bad, []);
    });

    test("nothing is loaded from another origin (src, srcset, link, iframe, object, …)", () => {
      const bad: string[] = [];
      for (const p of pages) {
        for (const t of p.tags) {
          if (t.name === "iframe" || t.name === "frame") bad.push(`${p.file}: <${t.name}>`);
          for (const [name, attr] of loading) {
            if (t.name !== name || !t.attrs.has(attr)) continue;
            const values = attr === "srcset" ? (t.attrs.get(attr) as string).split(",").map((s) => s.trim().split(/\s+/)[0] ?? "") : [t.attrs.get(attr) as string];
            for (const v of values) {
              const u = resolve(p, v);
              if (u && u.origin !== origin) bad.push(`${p.file}: <${t.name} ${attr}="${v}">`);
            }
          }
        }
      }
      assert.deepEqual(bad, []);
    });

    test("every page has exactly one h1: its title", () => {
      const bad = real().flatMap((p) => {
        const n = (p.html.match(/<h1[\s>]/gi) ?? []).length;
        return n === 1 ? [] : [`${p.file}: ${n} h1`];
      });
      assert.deepEqual(bad, []);
      assert.deepEqual(elements(page("posts/toml-post/index.html").html, "h1"), ["A post with TOML front matter"]);
    });

    test("the YAML, TOML and JSON pages render with their titles, descriptions and tags", () => {
      const posts = [
        ["yaml", "A post with YAML front matter", "Highlighting and figures from a site made for another theme", "go"],
        ["toml", "A post with TOML front matter", "Embeds from GitHub, Instagram and X as links", "embeds"],
        ["json", "A post with JSON front matter", "Videos as links, and headings that start at h2", "video"],
      ] as const;
      const list = page("posts/index.html").html;
      for (const [kind, title, description, tag] of posts) {
        const p = page(`posts/${kind}-post/index.html`);
        assert.deepEqual(elements(p.html, "h1"), [title], `${kind}: the title is the h1`);
        assert.match(elements(p.html, "title")[0] ?? "", new RegExp(`^${title}`), `${kind}: <title>`);
        assert.ok(
          p.tags.some((t) => t.name === "meta" && t.attrs.get("name") === "description" && t.attrs.get("content") === description),
          `${kind}: meta description from front matter`,
        );
        assert.ok(list.includes(title), `${kind}: listed in /posts/`);
        assert.ok(page(`tags/${tag}/index.html`), `${kind}: its tag ${tag} has a page`);
      }
    });

    // (current Hugo renders term pages with _default/taxonomy.html, which therefore handles both kinds)
    test("each tag page lists the posts with that tag", () => {
      for (const [title, tag] of [
        ["A post with YAML front matter", "go"],
        ["A post with TOML front matter", "embeds"],
        ["A post with JSON front matter", "video"],
      ] as const) {
        assert.ok(page(`tags/${tag}/index.html`).html.includes(title), `"${title}" listed under its tag ${tag}`);
      }
    });

    test("body headings move one level down where the text uses h1, and keep their levels where it does not", () => {
      const levels = (file: string) =>
        page(file)
          .tags.filter((t) => /^h[1-6]$/.test(t.name) && t.attrs.get("id") !== "toc-title")
          .map((t) => `${t.name}#${t.attrs.get("id") ?? ""}`);
      assert.deepEqual(levels("posts/toml-post/index.html"), [
        "h1#",
        "h2#embeds",
        "h3#gist",
        "h3#instagram",
        "h3#posts-on-x",
        "h2#headings-all-the-way-down",
        "h4#three",
        "h5#four",
        "h6#five",
        "h6#six-stays-six",
      ]);
      assert.deepEqual(levels("posts/yaml-post/index.html"), ["h1#", "h2#code", "h3#line-options", "h2#figures", "h3#more-reading"]);
      assert.deepEqual(levels("posts/json-post/index.html"), ["h1#", "h2#vimeo", "h2#youtube", "h3#links"]);
      assert.deepEqual(levels("gallery/index.html"), ["h1#", "h2#pictures"]);
      // Markdown attributes stay, except style
      const deep = page("posts/toml-post/index.html").tags.find((t) => t.attrs.get("id") === "headings-all-the-way-down");
      assert.equal(deep?.attrs.get("class"), "deep");
    });

    test("every TOC link points at a heading on the page, and the TOC has the headings' structure", () => {
      const withToc = real()
        .filter((p) => tocLinks(p.html).length > 0)
        .map((p) => p.file);
      assert.ok(withToc.includes("posts/yaml-post/index.html") && withToc.includes("posts/toml-post/index.html"), `pages with a TOC: ${withToc.join(", ")}`);
      const bad: string[] = [];
      for (const p of real()) {
        for (const { fragment, depth } of tocLinks(p.html)) {
          if (!p.ids.includes(fragment)) bad.push(`${p.file}: #${fragment} has no element`);
          else if (headingLevel(p, fragment) !== depth + 1) bad.push(`${p.file}: #${fragment} is h${headingLevel(p, fragment)}, listed at depth ${depth}`);
        }
      }
      assert.deepEqual(bad, []);
      assert.deepEqual(
        tocLinks(page("posts/yaml-post/index.html").html).map((l) => l.fragment),
        ["code", "line-options", "figures", "more-reading"],
      );
    });

    test("no id is used twice on a page", () => {
      const bad = real().flatMap((p) => [...new Set(p.ids.filter((id, i) => p.ids.indexOf(id) !== i))].map((id) => `${p.file}: #${id}`));
      assert.deepEqual(bad, []);
    });

    test("every internal link resolves to a built page (and its #fragment to an element there)", () => {
      const byPath = new Map(pages.map((p) => [p.url.pathname, p]));
      const bad: string[] = [];
      let checked = 0;
      for (const p of real()) {
        for (const t of p.tags) {
          if (t.name !== "a" || !t.attrs.has("href")) continue;
          const u = resolve(p, t.attrs.get("href") as string);
          if (!u || u.origin !== origin) continue;
          checked++;
          const target = byPath.get(decodeURI(u.pathname)) ?? byPath.get(decodeURI(u.pathname) + "/");
          const file = path.join(out, decodeURI(u.pathname));
          if (!target && !existsSync(file)) bad.push(`${p.file}: ${t.attrs.get("href")}`);
          else if (target && u.hash && !target.ids.includes(decodeURIComponent(u.hash.slice(1)))) bad.push(`${p.file}: ${t.attrs.get("href")} (no such id)`);
        }
      }
      assert.deepEqual(bad, []);
      assert.ok(checked > 50, `${checked} internal links checked`);
      // the links written in the content (ref, relref, plain paths) are among them
      const toml = page("posts/toml-post/index.html");
      assert.ok(
        toml.tags.some((t) => t.name === "a" && /\/posts\/yaml-post\/#code$/.test(t.attrs.get("href") ?? "")),
        "relref with a fragment",
      );
    });

    test("highlight: Chroma classes with line numbers and highlighted lines, in the code block with the copy labels", () => {
      const html = page("posts/yaml-post/index.html").html;
      assert.match(html, /<div class="code-block" data-copy-label="Copy"[^>]*><div class="highlight"><div class="chroma">\s*<table class="lntable">/);
      assert.match(html, /<span class="line hl"><span class="cl">/, "hl_lines=2");
      assert.match(html, /<span class="ln">5<\/span>/, "named options: linenos=inline, linenostart=5");
      assert.match(html, /<code class="code-inline language-go">/, "hl_inline");
      assert.match(html, /<span class="kd">func<\/span>/, "go tokens as classes");
    });

    test("figure: local images with their size, remote images only linked", () => {
      const imgs = (file: string) =>
        page(file)
          .tags.filter((t) => t.name === "img")
          .map((t) => `${t.attrs.get("src")} ${t.attrs.get("width")}x${t.attrs.get("height")} "${t.attrs.get("alt")}"`);
      assert.deepEqual(imgs("posts/yaml-post/index.html"), ['/images/broccoli.png 64x48 "Served from static/, with its size."', '/images/broccoli.png 32x24 "Half the width, the height follows."']);
      assert.deepEqual(imgs("gallery/index.html"), ['/gallery/floret.png 40x30 "A floret, resized by nobody."', '/gallery/floret.png 40x30 "A Markdown image from the bundle"']);
      const yaml = page("posts/yaml-post/index.html").html;
      assert.match(yaml, /<figure class="figure figure-remote"><div class="link-card link-card-image">\s*<a class="link-card-link" href="https:\/\/example\.com\/pictures\/remote\.jpg"/);
      assert.match(yaml, /<figcaption><p class="figure-title">A remote image<\/p><p>Hosted elsewhere: only linked, never loaded\.<\/p><\/figcaption>/);
      assert.match(page("gallery/index.html").html, /<a class="link-card-link" href="\/\/cdn\.example\.net\/floret\.webp"/);
      assert.doesNotMatch(yaml, /<h4/, "the figure title is no heading");
    });

    test("gist, instagram, tweet, twitter, x, x_simple, twitter_simple, vimeo, vimeo_simple, youtube: local link cards to the other site", () => {
      const cards = (file: string) =>
        page(file)
          .tags.filter((t) => t.name === "a" && t.attrs.get("class") === "link-card-link")
          .map((t) => t.attrs.get("href"));
      assert.deepEqual(cards("posts/toml-post/index.html"), [
        "https://gist.github.com/spf13/7896402",
        "https://gist.github.com/spf13/7896402#file-img-html",
        "https://www.instagram.com/p/BWNjjyYFxVx/",
        "https://x.com/SanDiegoZoo/status/1453110110599868418",
        "https://x.com/GoHugoIO/status/1315233626070503424",
        "https://x.com/i/web/status/1315233626070503424",
        "https://x.com/GoHugoIO/status/1315233626070503424",
        "https://x.com/GoHugoIO/status/1315233626070503424",
        "https://x.com/GoHugoIO/status/1315233626070503424",
      ]);
      assert.deepEqual(cards("posts/json-post/index.html"), [
        "https://vimeo.com/146022717",
        "https://vimeo.com/146022717",
        "https://vimeo.com/146022717",
        "https://www.youtube.com/watch?v=w7Ft2ymGmfc",
        "https://www.youtube.com/watch?v=w7Ft2ymGmfc&t=30s",
      ]);
      const titles = (file: string) => [...page(file).html.matchAll(/<span class="link-card-title">([^<]*)<\/span>/g)].map((m) => decode(m[1] as string));
      assert.ok(titles("posts/toml-post/index.html").includes("img.html – Gist by spf13"), "the gist's file names the card");
      assert.ok(titles("posts/json-post/index.html").includes("A demo on Vimeo"), "vimeo's positional title names the card");
      assert.ok(titles("posts/json-post/index.html").includes("Hugo in a minute"), "youtube's title names the card");
    });
  });
}
