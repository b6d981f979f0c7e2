// A guard for the next Hugo deprecation: the theme's layouts and the sites' configs use nothing that
// Hugo (up to 0.169) deprecated or removed, except in layouts/partials/utils/hugo-compat/.
// The list and where each fact comes from: scripts/theme/hugo-deprecations.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { configFiles, deprecations, layoutFiles, scanConfig, scanTemplates, type Problem } from "./hugo-deprecations.ts";
import { root, themeDir } from "../config/paths.ts";

const rel = (p: string) => path.relative(root, p).split(path.sep).join("/");
const show = (ps: Problem[]) => ps.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join("\n");

const layoutDirs = [path.join(themeDir, "layouts"), path.join(themeDir, "exampleSite/layouts"), path.join(root, "layouts")];
const siteDirs = [root, path.join(themeDir, "exampleSite"), themeDir];

function realTemplateProblems(): Problem[] {
  const files = layoutFiles(layoutDirs);
  assert.ok(files.length > 20, `found the theme's layouts (${files.length} files)`);
  return scanTemplates(files.map((f) => ({ file: rel(f), text: readFileSync(f, "utf8") })));
}

function realConfigProblems(): Problem[] {
  const files = siteDirs.flatMap((d) => configFiles(d));
  assert.ok(
    files.some((f) => rel(f) === "hugo.toml"),
    "found the site's hugo.toml",
  );
  return files.flatMap((f) => scanConfig(readFileSync(f, "utf8"), rel(f)));
}

// ---- (a) the real files ----

test("the theme's layouts use nothing Hugo logs as deprecated or has removed", () => {
  const hard = realTemplateProblems().filter((p) => !p.soft);
  assert.equal(hard.length, 0, `\n${show(hard)}`);
});

test("the site configs (site, exampleSite, theme) use no deprecated or removed key", () => {
  const hard = realConfigProblems().filter((p) => !p.soft);
  assert.equal(hard.length, 0, `\n${show(hard)}`);
});

// Documented deprecations Hugo does not log yet (e.g. .Language.Lang, 0.158): reported, not failed, until
// the theme decides (their replacements are newer than Hugo 0.111, so they need hugo-compat partials).
{
  const soft = [...realTemplateProblems(), ...realConfigProblems()].filter((p) => p.soft);
  const ids = [...new Set(soft.map((p) => p.id))].join(", ");
  test("the theme uses no soft (documented-only) deprecation", { todo: soft.length ? `${soft.length} uses (${ids}): migrate via utils/hugo-compat/` : false }, () => {
    const byFile = new Map<string, string[]>();
    for (const p of soft) byFile.set(p.file, [...(byFile.get(p.file) ?? []), `${p.line}:${p.column}`]);
    const where = [...byFile].map(([f, at]) => `  ${f} ${at.join(" ")}`).join("\n");
    const what = [...new Set(soft.map((p) => p.message))].join("\n");
    assert.equal(soft.length, 0, `\n${what}\n${where}`);
  });
}

// ---- (b) every entry can fail ----

// One or more lines each entry must catch, and near-misses it must not.
const samples: Record<string, { bad: string[]; good?: string[] }> = {
  "sites-first": { bad: ["{{ .Sites.First.Language.Lang }}", "{{ hugo.Sites.First }}"], good: ["{{ hugo.Sites.Default }}"] },
  "site-author": { bad: ["{{ .Site.Author.name }}", "{{ site.Authors }}"], good: ["{{ .Site.Params.Author }}", "{{ .Site.Params.author }}"] },
  "site-social": { bad: ["{{ .Site.Social.github }}"], good: ["{{ site.Params.Social.github }}"] },
  "site-ismultilingual": { bad: ["{{ if .Site.IsMultiLingual }}x{{ end }}"], good: ["{{ if hugo.IsMultilingual }}x{{ end }}"] },
  "is-multihost": { bad: ["{{ if hugo.IsMultiHost }}x{{ end }}"], good: ["{{ if hugo.IsMultihost }}x{{ end }}"] },
  "get-json-csv": {
    bad: ['{{ $d := getJSON "https://example.org/a.json" }}', '{{ $c := getCSV "," "a.csv" }}', '{{ data.GetJSON "x" }}'],
    good: ['{{ $d := resources.GetRemote "https://example.org/a.json" | transform.Unmarshal }}'],
  },
  "resources-tocss": { bad: ["{{ $css := resources.ToCSS $scss }}"], good: ['{{ $css := $scss | css.Sass (dict "transpiler" "dartsass") }}'] },
  "resources-postcss": { bad: ["{{ $css := resources.PostCSS $css }}"], good: ["{{ $css := $css | postCSS }}", "{{ $css := css.PostCSS $css }}"] },
  "resources-babel": { bad: ["{{ $js := resources.Babel $js }}"], good: ["{{ $js := $js | babel }}", "{{ $js := js.Babel $js }}"] },
  "site-lastchange": { bad: ['{{ .Site.LastChange.Format "2006" }}'], good: ['{{ .Site.Lastmod.Format "2006" }}'] },
  "next-prev-page": { bad: ["{{ with .NextPage }}{{ .Title }}{{ end }}", "{{ .PrevPage }}"], good: ["{{ with .Next }}{{ end }}{{ .PrevInSection }}"] },
  "pager-pagesize": { bad: ["{{ .Paginator.PageSize }}"], good: ["{{ .Paginator.PagerSize }}"] },
  "crypto-fnv32a": { bad: ['{{ crypto.FNV32a "x" }}'], good: ['{{ hash.FNV32a "x" }}'] },
  "site-disqus": { bad: ["{{ .Site.DisqusShortname }}"], good: ["{{ .Site.Config.Services.Disqus.Shortname }}"] },
  "site-googleanalytics": { bad: ["{{ site.GoogleAnalytics }}"], good: ["{{ .Site.Config.Services.GoogleAnalytics.ID }}"] },
  "site-isserver": { bad: ["{{ if .Site.IsServer }}x{{ end }}"], good: ["{{ if hugo.IsServer }}x{{ end }}"] },
  "echo-param": { bad: ['{{ echoParam .Params "x" }}'], good: ['{{ index .Params "x" }}'] },
  "lang-numfmt": { bad: ["{{ lang.NumFmt 2 1234.5 }}"], good: ["{{ lang.FormatNumberCustom 2 1234.5 }}"] },
  "file-extension": { bad: ["{{ .File.Extension }}"], good: ["{{ .File.Ext }}"] },
  "file-lang": { bad: ["{{ .File.Lang }}", "{{ with .File }}{{ end }}{{ $.Page.File.Lang }}"], good: ["{{ .File.LogicalName }}{{ .Lang }}"] },
  "page-author": { bad: ["{{ .Author }}", "{{ range .Authors }}{{ end }}"], good: ["{{ .Params.author }}{{ .GitInfo.AuthorName }}", "{{ .Site.Params.Author }}"] },
  "site-rsslink": { bad: ["{{ .Site.RSSLink }}"], good: ['{{ with .OutputFormats.Get "RSS" }}{{ .Permalink }}{{ end }}'] },
  "page-rsslink": { bad: ['<link href="{{ .RSSLink }}">'], good: ['{{ (.OutputFormats.Get "rss").RelPermalink }}'] },
  "page-hugo": { bad: ["{{ .Hugo.Version }}", "{{ $.Hugo.Generator }}"], good: ["{{ hugo.Version }}", "{{ .Site.Hugo.Version }}"] },
  "page-uniqueid": { bad: ["{{ .UniqueID }}"], good: ["{{ .File.UniqueID }}"] },
  "resource-err": {
    bad: ['{{ with resources.GetRemote $u }}{{ with .Err }}{{ warnf "%s" . }}{{ end }}{{ end }}'],
    good: ['{{ with try (resources.GetRemote $u) }}{{ with .Err }}{{ warnf "%s" . }}{{ end }}{{ end }}', "{{ .Error }}"],
  },
  "taxonomyterm-kind": { bad: ['{{ if eq .Kind "taxonomyTerm" }}x{{ end }}'], good: ['{{ if eq .Kind "taxonomy" }}x{{ end }}', "taxonomyTerm in text"] },
  "site-sites": {
    bad: ["{{ range .Site.Sites }}{{ end }}", "{{ range .Sites }}{{ end }}", "{{ site.Home.Sites }}", "{{ .Page.Sites }}"],
    good: ["{{ range hugo.Sites }}{{ end }}", "{{ .Site.Params.Sites }}"],
  },
  "site-data": {
    bad: ["{{ .Site.Data.clients }}", "{{ site.Data.clients }}", "{{ $.Site.Data.x }}", "{{ $site.Data.x }}"],
    good: ["{{ hugo.Data.clients }}", "{{ .Data.Pages }}", "{{ $css.Data.Integrity }}", "{{ .Params.site.Data }}"],
  },
  "site-languages": { bad: ["{{ range .Site.Languages }}{{ end }}", "{{ len site.Languages }}"], good: ["{{ .Site.Language }}"] },
  "site-allpages": { bad: ["{{ range .Site.AllPages }}{{ end }}"], good: ["{{ range .Site.Pages }}{{ end }}{{ .AllTranslations }}"] },
  "site-builddrafts": { bad: ["{{ if site.BuildDrafts }}x{{ end }}"], good: ["{{ if .Draft }}x{{ end }}"] },
  "language-code": {
    bad: ["{{ .Site.LanguageCode }}", "{{ .Language.LanguageCode }}", "{{ site.LanguageCode }}"],
    good: ["{{ .Site.Language.Locale }}", "{{ .Site.Params.LanguageCode }}", '{{ index .Params "LanguageCode" }}'],
  },
  "language-name": { bad: ["{{ .Language.LanguageName }}"], good: ["{{ .Language.Label }}", "{{ .Params.LanguageName }}"] },
  "language-direction": { bad: ['<html dir="{{ .Language.LanguageDirection }}">'], good: ["{{ .Language.Direction }}"] },
  "is-node": { bad: ["{{ if .IsNode }}x{{ end }}"], good: ["{{ if not .IsPage }}x{{ end }}"] },
  "resources-postprocess": { bad: ["{{ $css = $css | resources.PostProcess }}"], good: ['{{ with (templates.Defer (dict "key" "x")) }}{{ end }}'] },
  "image-exif": { bad: ["{{ with $img.Exif }}{{ .Date }}{{ end }}"], good: ["{{ with $img.Meta }}{{ .Date }}{{ end }}"] },
  "sass-libsass": {
    bad: ["{{ $css := $scss | toCSS }}", "{{ $css := css.Sass $scss }}"],
    good: ['{{ $opts := dict "transpiler" "dartsass" }}{{ $css := $scss | css.Sass $opts }}', "{{ $css := $css | css.PostCSS }}"],
  },
  scratch: { bad: ['{{ .Scratch.Set "x" 1 }}', '{{ $.Page.Scratch.Get "x" }}'], good: ['{{ .Store.Set "x" 1 }}{{ $s := newScratch }}'] },
  "internal-template": {
    bad: ['{{ template "_internal/opengraph.html" . }}', '{{- template "_internal/google_analytics.html" . -}}'],
    good: ['{{ partial "opengraph.html" . }}', '{{ template "main" . }}'],
  },
  "language-lang": { bad: ["{{ .Language.Lang }}", "{{ site.Language.Lang }}"], good: ["{{ .Language.LanguageCode }}{{ .Lang }}", "{{ .Language.Name }}"] },
  "language-weight": { bad: ["{{ .Language.Weight }}"], good: ["{{ .Weight }}"] },
  "language-params": { bad: ["{{ .Language.Params.description }}"], good: ["{{ site.Params.description }}"] },
  "related-indices": { bad: ['{{ .Site.RegularPages.RelatedIndices . "tags" }}', "{{ $p.RelatedTo $kv }}"], good: ["{{ .Site.RegularPages.Related . }}"] },

  "cfg-languagecode": {
    bad: ['languageCode = "en-us"', '[languages.de]\n  languageCode = "de-DE"', '[languages]\n  de.languageCode = "de-DE"'],
    good: ['locale = "en-US"', '[params]\n  languageCode = "x"'],
  },
  "cfg-languagename": { bad: ['[languages.de]\nlanguageName = "Deutsch"'], good: ['[languages.de]\nlabel = "Deutsch"'] },
  "cfg-languagedirection": { bad: ['[languages.ar]\nlanguageDirection = "rtl"'], good: ['[languages.ar]\ndirection = "rtl"'] },
  "cfg-paginate": { bad: ["paginate = 10", "[languages.en]\npaginate = 5"], good: ["[pagination]\npagerSize = 10"] },
  "cfg-paginatepath": { bad: ['paginatePath = "seite"'], good: ['[pagination]\npath = "seite"'] },
  "cfg-author": { bad: ['[author]\nname = "x"', 'author = { name = "x" }', "[author.social]"], good: ['[params]\nauthor = "x"', "[params.author]"] },
  "cfg-social": { bad: ['[social]\ngithub = "x"'], good: ['[params.social]\ngithub = "x"'] },
  "cfg-disqusshortname": { bad: ['disqusShortname = "x"'], good: ['[services.disqus]\nshortname = "x"'] },
  "cfg-googleanalytics": { bad: ['googleAnalytics = "G-1"'], good: ['[services.googleAnalytics]\nid = "G-1"', "[privacy.googleAnalytics]\ndisable = true"] },
  "cfg-twitter": {
    bad: ["[privacy.twitter]\ndisable = true", "[services]\n  [services.twitter]\n  disableInlineCSS = true", "privacy.twitter.simple = true"],
    good: ["[privacy.x]\ndisable = true", "[services.x]\ndisableInlineCSS = true"],
  },
  "cfg-minify-root": { bad: ["minify = true", "minifyOutput = true"], good: ["[minify]\nminifyOutput = true\ndisableSVG = true"] },
  "cfg-tdewolff": {
    bad: ["[minify.tdewolff.html]\nkeepConditionalComments = true", "[minify.tdewolff.css]\nkeepCSS2 = true\ndecimals = 2"],
    good: ["[minify.tdewolff.html]\nkeepSpecialComments = true"],
  },
  "cfg-renderhooks-enabledefault": {
    bad: ["[markup.goldmark.renderHooks.image]\nenableDefault = true"],
    good: ['[markup.goldmark.renderHooks.image]\nuseEmbedded = "fallback"'],
  },
  "cfg-imaging": { bad: ["[imaging]\nquality = 80", '[imaging]\nhint = "photo"'], good: ["[imaging.jpeg]\nquality = 80"] },
  "cfg-mounts": {
    bad: ['[[module.mounts]]\nsource = "content/de"\ntarget = "content"\nlang = "de"', '[[module.mounts]]\nincludeFiles = "*.md"'],
    good: ['[[module.mounts]]\nsource = "content"\ntarget = "content"\nfiles = ["*.md"]'],
  },
  "cfg-segments-lang": { bad: ['[segments.docs]\n[[segments.docs.includes]]\nlang = "en"'], good: ['[segments.docs]\n[[segments.docs.includes]]\nkind = "page"'] },
  "cfg-cascade-_target": {
    bad: ['[[cascade]]\n[cascade._target]\npath = "/news/**"', '[[languages.de.cascade]]\n_target = { path = "/x" }'],
    good: ['[[cascade]]\n[cascade.target]\npath = "/news/**"'],
  },
  "cfg-cascade-target-lang": {
    bad: ['[[cascade]]\n[cascade.target]\nlang = "en"'],
    good: ['[[cascade]]\n[cascade.target]\npath = "/news/**"\n[cascade.params]\nlang = "en"'],
  },
  "cfg-permalink-filename": {
    bad: ['[permalinks]\nposts = "/:year/:filename/"', '[permalinks.page]\nposts = "/:slugorfilename/"'],
    good: ['[permalinks]\nposts = "/:year/:contentbasename/"', '[permalinks]\nposts = "/:slugorcontentbasename/"'],
  },
  "cfg-taxonomyterm": {
    bad: ['disableKinds = ["taxonomyTerm"]', 'disableKinds = [\n  "page",\n  "taxonomyTerm",\n]', '[outputs]\ntaxonomyTerm = ["HTML"]'],
    good: ['disableKinds = ["taxonomy", "term"]'],
  },
  "cfg-cleandestinationdir": { bad: ["cleanDestinationDir = true"], good: ["[build.cleanDestinationDir]\nenable = true"] },
  "cfg-blackfriday": { bad: ['[markup]\ndefaultMarkdownHandler = "blackfriday"'], good: ['[markup]\ndefaultMarkdownHandler = "goldmark"'] },
};

const scan = (scope: string, text: string, file = "layouts/partials/sample.html") => (scope === "template" ? scanTemplates([{ file, text }]) : scanConfig(text, "hugo.toml"));

test("every entry is well-formed: unique id, versions, replacement", () => {
  const ids = new Set<string>();
  for (const d of deprecations) {
    assert.ok(!ids.has(d.id), `duplicate id ${d.id}`);
    ids.add(d.id);
    assert.match(d.since, /^0\.\d+\.\d+$/, `${d.id}: since`);
    if (d.removed) assert.match(d.removed, /^0\.\d+\.\d+$/, `${d.id}: removed`);
    if (d.replacementSince) assert.match(d.replacementSince, /^0\.\d+\.\d+$/, `${d.id}: replacementSince`);
    assert.ok(d.what && d.replacement && d.source, `${d.id}: what, replacement and source`);
    assert.ok(d.scope === "template" || d.scope === "config", `${d.id}: scope`);
  }
});

test("every entry has samples, and no sample is left without an entry", () => {
  const ids = deprecations.map((d) => d.id);
  assert.deepEqual(
    ids.filter((id) => !samples[id]),
    [],
    "entries without a sample",
  );
  assert.deepEqual(
    Object.keys(samples).filter((id) => !ids.includes(id)),
    [],
    "samples without an entry",
  );
});

for (const d of deprecations) {
  test(`${d.id}: caught in its samples, not in its near-misses`, () => {
    const s = samples[d.id];
    assert.ok(s, `samples for ${d.id}`);
    for (const bad of s.bad) {
      const found = scan(d.scope, bad).filter((p) => p.id === d.id);
      assert.ok(found.length > 0, `${d.id} not caught in: ${bad}`);
      const msg = (found[0] as Problem).message;
      assert.ok(msg.includes(d.since) && msg.includes(d.replacement), `message names version and replacement: ${msg}`);
      if (d.removed) assert.ok(msg.includes(d.removed), `message names the removal: ${msg}`);
    }
    for (const good of s.good ?? []) {
      const found = scan(d.scope, good).filter((p) => p.id === d.id);
      assert.deepEqual(found, [], `${d.id} wrongly caught in: ${good}`);
    }
  });
}

test("line and column point at the construct; comments and text outside actions are ignored", () => {
  const text = [
    "{{/* .Site.Data was here: now hugo.Data */}}",
    "<p>.Site.Data in prose is not code</p>",
    "{{- /* multi-line comment",
    "   .Site.Author */ -}}",
    '<a title="{{ i18n ".Site.Social" }}">',
    "  {{ $x := .Site.Data.a }}",
    "{{ `raw string with .IsNode",
    "over lines` }}{{ .IsNode }}",
  ].join("\n");
  const ps = scanTemplates([{ file: "layouts/a.html", text }]);
  assert.deepEqual(
    ps.map((p) => [p.id, p.line, p.column]),
    [
      ["site-data", 6, 13],
      ["is-node", 8, 18],
    ],
  );
  assert.equal(ps[0]?.file, "layouts/a.html");
});

test("messages name the construct, the version, the replacement and the Hugo-0.111 caveat", () => {
  const [p] = scanTemplates([{ file: "layouts/a.html", text: "{{ site.Data.x }}" }]);
  assert.ok(p);
  assert.match(p.message, /site\.Data \/ \.Site\.Data: deprecated in Hugo 0\.156\.0; use hugo\.Data .*needs Hugo ≥ 0\.156\.0.*hugo-compat/);
  const [c] = scanConfig('[languages.de]\nlanguageCode = "de-DE"', "hugo.toml");
  assert.ok(c);
  assert.deepEqual([c.line, c.column, c.id], [2, 1, "cfg-languagecode"]);
});

test("scanConfig refuses formats it cannot read instead of passing them", () => {
  assert.throws(() => scanConfig("languageCode: en", "hugo.yaml"), /only TOML/);
});

// ---- (c) the compat partials are the one place allowed ----

test("files under layouts/partials/utils/hugo-compat/ are skipped", () => {
  const text = '{{ if ge hugo.Version "0.156.0" }}{{ return hugo.Data }}{{ else }}{{ return site.Data }}{{ end }}';
  for (const file of [
    "themes/broccoli/layouts/partials/utils/hugo-compat/data.html",
    "layouts/_partials/utils/hugo-compat/data.html",
    "themes\\broccoli\\layouts\\partials\\utils\\hugo-compat\\data.html",
  ]) {
    assert.deepEqual(scanTemplates([{ file, text }]), [], file);
  }
  for (const file of ["themes/broccoli/layouts/partials/utils/data.html", "themes/broccoli/layouts/partials/hugo-compat/data.html"]) {
    assert.equal(scanTemplates([{ file, text }]).length, 1, file);
  }
  // and the real compat partials do use old constructs: the skip is what keeps them quiet
  const compat = layoutFiles([path.join(themeDir, "layouts/partials/utils/hugo-compat")]);
  const unskipped = compat.flatMap((f) => scanTemplates([{ file: "x/" + path.basename(f), text: readFileSync(f, "utf8") }]));
  assert.ok(unskipped.length > 0, "the compat partials contain constructs the guard knows");
});
