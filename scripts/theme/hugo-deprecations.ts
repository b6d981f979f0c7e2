// What Hugo (up to 0.169) deprecated or removed, and a scanner that finds it in templates and in a
// site's config. The theme runs on Hugo 0.111 (Debian stable) and on current Hugo, so it may use
// none of these outside layouts/partials/utils/hugo-compat/, whose partials pick by hugo.Version.
//
// Where the facts come from (each entry's `source` says which applies):
// - "Deprecate": a hugo.Deprecate / DeprecateWithLogger / helpers.Deprecated call in Hugo's source
//   (github.com/gohugoio/hugo). `since` is the version string passed to that call; `removed` is the
//   first release tag whose source no longer has the method (the call is last seen one minor before).
//   Tags read: v0.70.0 … v0.165.0 and master up to 0.166.0-DEV.
// - "0.169": checked by hand against /work/main/.tools/hugo (0.169.0) on a throwaway site: the
//   construct logs "deprecated: … in Hugo vX" (still works), or the build fails (removed).
//   0.166–0.169 are newer than the source mirror; only cleanDestinationDir was new there.
// - "docs": a {{< deprecated-in X >}} note in Hugo's docs (docs/content/en/…). Hugo logs nothing for
//   these ("soft" deprecations); they are the next candidates for a logged deprecation.
// Hugo's current rule (common/hugo/hugo.go, since 0.143.1): a logged deprecation is INFO for 3
// minor releases, WARN up to 15, then ERROR, which fails the build; the code goes some time later.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export type Scope = "template" | "config";

export interface Deprecation {
  /** Stable key (the tests' samples are keyed by it). */
  id: string;
  /**
   * template: tested per line against the template's code: text outside {{ }} actions, Go template
   * comments and (unless `inStrings`) the inside of string literals are blanked.
   * config: tested against one lowercased subject per line: "dotted.key.path=value" for a key,
   * "[dotted.table.path]" for a table header (TOML).
   */
  pattern: RegExp;
  what: string;
  /** Hugo version that deprecated it. */
  since: string;
  /** Hugo version that removed it, or from which using it fails the build. */
  removed?: string;
  replacement: string;
  scope: Scope;
  /** Documented as deprecated, but Hugo logs nothing (yet). */
  soft?: boolean;
  /** First Hugo version that has the replacement, where it is newer than the theme's minimum. */
  replacementSince?: string;
  /** Match the pattern against string literals too (template "_internal/…"). */
  inStrings?: boolean;
  /** Skip the whole file when its code (string literals included) matches this (e.g. .Err where try is used). */
  exemptFile?: RegExp;
  source: string;
}

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
  id: string;
  soft: boolean;
}

/** The theme's minimum Hugo (theme.toml min_version; Debian stable ships 0.111.3). */
export const THEME_MIN_HUGO = "0.111.0";

// A language key inside [languages.<lang>] (TOML path prefix), for keys that may sit at either level.
const LANG = String.raw`(?:languages\.[^.=\]]+\.)?`;

export const deprecations: Deprecation[] = [
  // ---- templates: removed (current Hugo fails the build) ----
  {
    id: "sites-first",
    pattern: /\.Sites\.First\b/,
    what: ".Sites.First (also hugo.Sites.First)",
    since: "0.127.0",
    removed: "0.156.0",
    replacement: "hugo.Sites.Default (.Sites.Default on 0.127–0.155; .Sites.First before 0.127)",
    replacementSince: "0.156.0",
    scope: "template",
    source: 'Deprecate(".Sites.First", "Use .Sites.Default instead.", "v0.127.0") in v0.127.0–v0.155.0, gone in v0.156.0; 0.169 fails',
  },
  {
    id: "site-author",
    pattern: /\b[Ss]ite\.Authors?\b/,
    what: ".Site.Author / .Site.Authors",
    since: "0.124.0",
    removed: "0.156.0",
    replacement: ".Site.Params.author (or an authors taxonomy)",
    scope: "template",
    source: 'Deprecate(".Site.Author"/".Site.Authors", …, "v0.124.0") in v0.124.0–v0.155.0; 0.169 fails',
  },
  {
    id: "site-social",
    pattern: /\b[Ss]ite\.Social\b/,
    what: ".Site.Social",
    since: "0.124.0",
    removed: "0.156.0",
    replacement: ".Site.Params.social",
    scope: "template",
    source: 'Deprecate(".Site.Social", "Use .Site.Params instead.", "v0.124.0") in v0.124.0–v0.155.0; 0.169 fails',
  },
  {
    id: "site-ismultilingual",
    pattern: /\.IsMultiLingual\b/,
    what: ".Site.IsMultiLingual",
    since: "0.124.0",
    removed: "0.156.0",
    replacement: "hugo.IsMultilingual",
    replacementSince: "0.124.0",
    scope: "template",
    source: 'Deprecate(".Site.IsMultiLingual", "Use hugo.IsMultilingual instead.", "v0.124.0") in v0.124.0–v0.155.0; 0.169 fails',
  },
  {
    id: "is-multihost",
    pattern: /\.IsMultiHost\b/,
    what: "hugo.IsMultiHost (capital H)",
    // The message says v0.124.0 (when IsMultihost was added), but Hugo only started logging it in 0.156.0.
    since: "0.124.0",
    removed: "0.165.0",
    replacement: "hugo.IsMultihost",
    replacementSince: "0.124.0",
    scope: "template",
    source: 'Deprecate("hugo.IsMultiHost", "Use hugo.IsMultihost instead.", "v0.124.0") in v0.156.0–v0.164.0; removed by 8a468df (v0.165.0); 0.169 fails',
  },
  {
    id: "get-json-csv",
    pattern: /\b(?:getJSON|getCSV|data\.GetJSON|data\.GetCSV)\b/,
    what: "getJSON / getCSV (data.GetJSON / data.GetCSV)",
    since: "0.123.0",
    removed: "0.156.0",
    replacement: "resources.Get or resources.GetRemote, then transform.Unmarshal",
    scope: "template",
    source: 'Deprecate("data.GetJSON"/"data.GetCSV", …, "v0.123.0") in v0.123.0–v0.155.0; 0.169: function "getJSON" not defined',
  },
  {
    id: "resources-tocss",
    pattern: /\bresources\.ToCSS\b/,
    what: "resources.ToCSS",
    since: "0.128.0",
    removed: "0.156.0",
    replacement: "css.Sass (Hugo ≥ 0.128) or the toCSS alias, which works on every version",
    scope: "template",
    source: 'Deprecate("resources.ToCSS", "Use css.Sass instead.", "v0.128.0") in v0.128.0–v0.155.0; 0.169 fails',
  },
  {
    id: "resources-postcss",
    pattern: /\bresources\.PostCSS\b/,
    what: "resources.PostCSS",
    since: "0.128.0",
    removed: "0.156.0",
    replacement: "css.PostCSS (Hugo ≥ 0.128) or the postCSS alias, which works on every version",
    scope: "template",
    source: 'Deprecate("resources.PostCSS", "Use css.PostCSS instead.", "v0.128.0") in v0.128.0–v0.155.0; 0.169 fails',
  },
  {
    id: "resources-babel",
    pattern: /\bresources\.Babel\b/,
    what: "resources.Babel",
    since: "0.128.0",
    removed: "0.156.0",
    replacement: "js.Babel (Hugo ≥ 0.128) or the babel alias, which works on every version",
    scope: "template",
    source: 'Deprecate("resources.Babel", "Use js.Babel.", "v0.128.0") in v0.128.0–v0.155.0; 0.169 fails',
  },
  {
    id: "site-lastchange",
    pattern: /\.LastChange\b/,
    what: ".Site.LastChange",
    since: "0.123.0",
    removed: "0.156.0",
    replacement: ".Site.Lastmod",
    replacementSince: "0.123.0",
    scope: "template",
    source: 'Deprecate(".Site.LastChange", "Use .Site.Lastmod instead.", "v0.123.0") in v0.123.0–v0.155.0; 0.169 fails',
  },
  {
    id: "next-prev-page",
    pattern: /\.(?:NextPage|PrevPage)\b/,
    what: ".NextPage / .PrevPage",
    since: "0.123.0",
    removed: "0.156.0",
    replacement: ".Next / .Prev",
    scope: "template",
    source: 'Deprecate(".Page.NextPage"/".Page.PrevPage", …, "v0.123.0") in v0.123.0–v0.155.0; 0.169 fails',
  },
  {
    id: "pager-pagesize",
    pattern: /\.PageSize\b/,
    what: ".Paginator.PageSize",
    since: "0.128.0",
    removed: "0.156.0",
    replacement: ".Paginator.PagerSize",
    replacementSince: "0.128.0",
    scope: "template",
    source: 'Deprecate("PageSize", "Use PagerSize instead.", "v0.128.0") in v0.128.0–v0.155.0; 0.169 fails',
  },
  {
    id: "crypto-fnv32a",
    pattern: /\bcrypto\.FNV32a\b/,
    what: "crypto.FNV32a",
    since: "0.129.0",
    removed: "0.156.0",
    replacement: "hash.FNV32a",
    replacementSince: "0.129.0",
    scope: "template",
    source: 'Deprecate("crypto.FNV32a", "Use hash.FNV32a.", "v0.129.0") in v0.129.0–v0.155.0; 0.169 fails',
  },
  {
    id: "site-disqus",
    pattern: /\.DisqusShortname\b/,
    what: ".Site.DisqusShortname",
    since: "0.120.0",
    removed: "0.139.0",
    replacement: ".Site.Config.Services.Disqus.Shortname",
    replacementSince: "0.120.0",
    scope: "template",
    source: 'Deprecate(".Site.DisqusShortname", …, "v0.120.0") in v0.120.0–v0.138.0; removed with "Remove deprecations <= v0.122.0" (v0.139.0)',
  },
  {
    id: "site-googleanalytics",
    pattern: /\b[Ss]ite\.GoogleAnalytics\b/,
    what: ".Site.GoogleAnalytics",
    since: "0.120.0",
    removed: "0.139.0",
    replacement: ".Site.Config.Services.GoogleAnalytics.ID",
    replacementSince: "0.120.0",
    scope: "template",
    source: 'Deprecate(".Site.GoogleAnalytics", …, "v0.120.0") in v0.120.0–v0.138.0; 0.169 fails',
  },
  {
    id: "site-isserver",
    pattern: /\b[Ss]ite\.IsServer\b/,
    what: ".Site.IsServer",
    since: "0.120.0",
    removed: "0.139.0",
    replacement: "hugo.IsServer",
    replacementSince: "0.120.0",
    scope: "template",
    source: 'Deprecate(".Site.IsServer", "Use hugo.IsServer instead.", "v0.120.0") in v0.120.0–v0.138.0; 0.169 fails',
  },
  {
    id: "echo-param",
    pattern: /\b(?:echoParam|collections\.EchoParam)\b/,
    what: "echoParam (collections.EchoParam)",
    since: "0.120.0",
    removed: "0.139.0",
    replacement: "index",
    scope: "template",
    source: 'Deprecate("collections.EchoParam", "Use the index function instead.", "v0.120.0") in v0.120.0–v0.138.0; 0.169: not defined',
  },
  {
    id: "lang-numfmt",
    pattern: /\blang\.NumFmt\b/,
    what: "lang.NumFmt",
    since: "0.120.0",
    removed: "0.139.0",
    replacement: "lang.FormatNumberCustom",
    scope: "template",
    source: 'Deprecate("lang.NumFmt", "Use lang.FormatNumberCustom instead.", "v0.120.0") in v0.120.0–v0.138.0; 0.169 fails',
  },
  {
    id: "file-extension",
    pattern: /\.File\.Extension\b/,
    what: ".File.Extension",
    since: "0.96.0",
    removed: "0.139.0",
    replacement: ".File.Ext",
    scope: "template",
    source: 'Deprecate(".File.Extension", "Use .File.Ext instead.", "v0.96.0") in v0.96.0–v0.138.0; 0.169 fails',
  },
  {
    id: "file-lang",
    pattern: /\.File\.Lang\b/,
    what: ".File.Lang",
    // First deprecated as .Page.File.Lang in 0.123.0; since 0.153.0 logged at ERROR level with "v0.149.0".
    since: "0.123.0",
    removed: "0.153.0",
    replacement: "the page's .Lang, or .Language.Name (Hugo ≥ 0.153)",
    scope: "template",
    source: 'Deprecate(".Page.File.Lang", …, "v0.123.0") v0.123.0–v0.152.0, then DeprecateLevelMin(".File.Lang", …, "v0.149.0", LevelError) from v0.153.0; 0.169 fails',
  },
  {
    id: "page-author",
    pattern: /(?<![Ss]ite)\.Authors?\b/,
    what: ".Author / .Authors of a page",
    since: "0.98.0",
    removed: "0.139.0",
    replacement: "an authors taxonomy, or .Params.author",
    scope: "template",
    source: 'Deprecate(".Page.Author", …, "v0.98.0") / (".Page.Authors", …, "v0.112.0") up to v0.138.0; 0.169 fails',
  },
  {
    id: "site-rsslink",
    pattern: /\b[Ss]ite\.RSSLink\b/,
    what: ".Site.RSSLink",
    // Warned without a version since at least 0.70; the versioned call says v0.114.0.
    since: "0.114.0",
    removed: "0.139.0",
    replacement: '(.OutputFormats.Get "RSS").Permalink',
    scope: "template",
    source: 'Deprecate(".Site.RSSLink", …, "v0.114.0") up to v0.138.0; 0.169 fails',
  },
  {
    id: "page-rsslink",
    pattern: /(?<![Ss]ite)\.RSSLink\b/,
    what: ".RSSLink of a page",
    // Not sure of the exact version: the mirror's history is shallow before 0.60 (the call is in
    // v0.60.0–v0.92.0); 0.55.0 is the release that moved these Page methods.
    since: "0.55.0",
    removed: "0.93.0",
    replacement: '(.OutputFormats.Get "RSS").RelPermalink',
    scope: "template",
    source: 'helpers.Deprecated("Page.RSSLink", …) in v0.60.0–v0.92.0 (since unsure); 0.111 and 0.169 fail',
  },
  {
    id: "page-hugo",
    pattern: /(?<![Ss]ite)\.Hugo\b/,
    what: ".Hugo of a page (.Site.Hugo is still fine)",
    since: "0.55.0",
    removed: "0.93.0",
    replacement: "hugo",
    scope: "template",
    source: 'helpers.Deprecated("Page.Hugo", "Use the global hugo function.", …) in v0.60.0–v0.92.0 (since 0.55 unsure); 0.111 and 0.169 fail',
  },
  {
    id: "page-uniqueid",
    pattern: /(?<!File)\.UniqueID\b/,
    what: ".UniqueID of a page (.File.UniqueID is still fine)",
    since: "0.55.0",
    removed: "0.93.0",
    replacement: ".File.UniqueID (write it out even inside {{ with .File }})",
    scope: "template",
    source: 'helpers.Deprecated("Page.UniqueID", "Use .File.UniqueID", …) in v0.60.0–v0.92.0 (since 0.55 unsure); .File.UniqueID checked in 0.169: no message',
  },
  {
    id: "resource-err",
    pattern: /\.Err\b/,
    what: ".Err of a resources.GetRemote result",
    since: "0.141.0",
    removed: "0.141.0",
    replacement: "try: {{ with try (resources.GetRemote $url) }}{{ with .Err }}…{{ else with .Value }}…{{ end }}{{ end }}",
    replacementSince: "0.141.0",
    scope: "template",
    // try's result has an .Err too; a file that uses try is about the new API.
    exemptFile: /\btry\b/,
    source: 'commit 0918e087 "resources: Replace error handling in GetRemote with try" (v0.141.0); docs functions/resources/GetRemote.md; 0.169 fails',
  },
  {
    id: "taxonomyterm-kind",
    pattern: /["'`]taxonomyTerm["'`]/i,
    what: 'the page kind "taxonomyTerm"',
    since: "0.73.0",
    removed: "0.73.0",
    replacement: '"taxonomy" (the old "taxonomy" is now "term")',
    scope: "template",
    inStrings: true,
    source: "resources/kinds/kinds.go (renamed in Hugo 0.73); a comparison with it is never true since",
  },

  // ---- templates: deprecated, current Hugo logs them ----
  {
    id: "site-sites",
    pattern: /(?<!\bhugo)\.Sites\b/,
    what: ".Site.Sites / .Page.Sites / .Sites",
    since: "0.156.0",
    replacement: "hugo.Sites",
    replacementSince: "0.156.0",
    scope: "template",
    source: 'Deprecate(".Site.Sites and .Page.Sites", "Use hugo.Sites instead.", "v0.156.0"); 0.169 WARN',
  },
  {
    id: "site-data",
    pattern: /\b[Ss]ite\.Data\b/,
    what: "site.Data / .Site.Data",
    since: "0.156.0",
    replacement: "hugo.Data",
    replacementSince: "0.156.0",
    scope: "template",
    source: 'Deprecate(".Site.Data", "Use hugo.Data instead.", "v0.156.0"); 0.169 WARN',
  },
  {
    id: "site-languages",
    pattern: /\b[Ss]ite\.Languages\b/,
    what: ".Site.Languages",
    since: "0.156.0",
    // Hugo's message only links https://discourse.gohugo.io/t/56732; this is our reading of it.
    replacement: 'range hugo.Sites and use each .Language, or .Rotate "language" (see discourse.gohugo.io/t/56732)',
    replacementSince: "0.156.0",
    scope: "template",
    source: 'Deprecate(".Site.Languages", "See https://discourse.gohugo.io/t/56732.", "v0.156.0"); 0.169 WARN',
  },
  {
    id: "site-allpages",
    pattern: /\b[Ss]ite\.AllPages\b/,
    what: ".Site.AllPages",
    since: "0.156.0",
    // Not sure: Hugo names no replacement, only the discourse post.
    replacement: "the pages of each site in hugo.Sites (see discourse.gohugo.io/t/56732)",
    replacementSince: "0.156.0",
    scope: "template",
    source: 'Deprecate(".Site.AllPages", "See https://discourse.gohugo.io/t/56732.", "v0.156.0"); 0.169 WARN',
  },
  {
    id: "site-builddrafts",
    pattern: /\b[Ss]ite\.BuildDrafts\b/,
    what: ".Site.BuildDrafts",
    since: "0.156.0",
    // Not sure: Hugo names no replacement, only the discourse post.
    replacement: "nothing direct (see discourse.gohugo.io/t/56732); e.g. hugo.IsDevelopment or a site param",
    scope: "template",
    source: 'Deprecate(".Site.BuildDrafts", "See https://discourse.gohugo.io/t/56732.", "v0.156.0"); 0.169 WARN',
  },
  {
    id: "language-code",
    pattern: /\.LanguageCode\b/,
    what: ".Site.LanguageCode / .Language.LanguageCode",
    since: "0.158.0",
    replacement: ".Site.Language.Locale / .Language.Locale (partial utils/hugo-compat/locale.html)",
    replacementSince: "0.158.0",
    scope: "template",
    source: 'DeprecateWithLogger(".Site.LanguageCode"/".Language.LanguageCode", "Use … .Locale instead.", "v0.158.0"); 0.169 WARN',
  },
  {
    id: "language-name",
    pattern: /\.LanguageName\b/,
    what: ".Language.LanguageName",
    since: "0.158.0",
    replacement: ".Language.Label (partial utils/hugo-compat/language-label.html)",
    replacementSince: "0.158.0",
    scope: "template",
    source: 'DeprecateWithLogger(".Language.LanguageName", "Use .Language.Label instead.", "v0.158.0"); 0.169 WARN',
  },
  {
    id: "language-direction",
    pattern: /\.LanguageDirection\b/,
    what: ".Language.LanguageDirection",
    since: "0.158.0",
    replacement: ".Language.Direction (partial utils/hugo-compat/language-direction.html)",
    replacementSince: "0.158.0",
    scope: "template",
    source: 'DeprecateWithLogger(".Language.LanguageDirection", "Use .Language.Direction instead.", "v0.158.0"); 0.169 WARN',
  },
  {
    id: "is-node",
    pattern: /\.IsNode\b/,
    what: ".IsNode",
    since: "0.163.0",
    replacement: "not .IsPage (every version), or .IsBranch (Hugo ≥ 0.163)",
    scope: "template",
    source: 'Deprecate(".Page.IsNode", "Use .Page.IsBranch or not .Page.IsPage instead.", "v0.163.0"); 0.169 WARN',
  },
  {
    id: "resources-postprocess",
    pattern: /\bresources\.PostProcess\b/,
    what: "resources.PostProcess",
    since: "0.164.0",
    replacement: "templates.Defer",
    replacementSince: "0.128.0",
    scope: "template",
    source: 'DeprecateWithLogger("resources.PostProcess", "Use templates.Defer instead. …", "v0.164.0"); 0.169 WARN',
  },
  {
    id: "image-exif",
    pattern: /\.Exif\b/,
    what: ".Exif of an image",
    since: "0.155.0",
    replacement: ".Meta",
    replacementSince: "0.155.0",
    scope: "template",
    source: 'Deprecate("Image.Exif", "Use Image.Meta, …", "v0.155.0"); docs methods/resource/Exif.md',
  },
  {
    id: "sass-libsass",
    pattern: /\b(?:css\.Sass|toCSS)\b/,
    what: "css.Sass / toCSS with the LibSass transpiler (the default)",
    since: "0.153.0",
    replacement: '(dict "transpiler" "dartsass"): needs the Dart Sass binary',
    scope: "template",
    exemptFile: /dartsass/,
    source: 'tpl/css/css.go Deprecate("css.Sass: libsass", "Use dartsass instead. …", "v0.153.0"); 0.169 WARNs for the default transpiler too',
  },

  // ---- templates: soft deprecations (documented; Hugo logs nothing) ----
  {
    id: "scratch",
    pattern: /\.Scratch\b/,
    what: ".Scratch of a page or shortcode",
    since: "0.138.0",
    replacement: ".Store (pages: every version the theme supports; shortcodes: Hugo ≥ 0.139), or newScratch",
    scope: "template",
    soft: true,
    source: "docs methods/page/Scratch.md deprecated-in 0.138.0 (shortcode: 0.139.0), a soft deprecation; since 0.138 it is an alias of .Store",
  },
  {
    id: "internal-template",
    pattern: /\btemplate\s+"_internal\//,
    what: 'template "_internal/…"',
    since: "0.146.0",
    replacement: 'partial "<name>.html" (Hugo ≥ 0.146; older Hugo only has template "_internal/…")',
    replacementSince: "0.146.0",
    scope: "template",
    soft: true,
    inStrings: true,
    source: 'docs templates/new-templatesystem-overview.md ("We have removed the concept of _internal Hugo templates"); tpl/tplimpl/templates.go keeps aliases "for a while"; 0.169: no message',
  },
  {
    id: "language-lang",
    pattern: /\.Language\.Lang\b/,
    what: ".Language.Lang",
    since: "0.158.0",
    replacement: ".Language.Name",
    replacementSince: "0.153.0",
    scope: "template",
    soft: true,
    source: "docs methods/page/Language.md and methods/site/Language.md: Lang deprecated-in 0.158.0, use Name; Lang is a struct field, so Hugo cannot log it (0.169: no message)",
  },
  {
    id: "language-weight",
    pattern: /\.Language\.Weight\b/,
    what: ".Language.Weight",
    since: "0.158.0",
    replacement: 'none documented (order by hugo.Sites / .Rotate "language")',
    scope: "template",
    soft: true,
    source: "docs methods/page/Language.md: Weight deprecated-in 0.158.0, no replacement named; 0.169: no message",
  },
  {
    id: "language-params",
    pattern: /\.Language\.Params\b/,
    what: ".Language.Params",
    // A Go doc comment only, added between v0.111.0 and v0.112.0 (issue 11025 explains why it is not logged).
    since: "0.112.0",
    replacement: "site.Params / .Site.Params",
    scope: "template",
    soft: true,
    source: 'langs/language.go "Deprecated: Use the site.Params instead." (from v0.112.0; logging disabled, hugo#11025)',
  },
  {
    id: "related-indices",
    pattern: /\.Related(?:Indices|To)\b/,
    what: ".RelatedIndices / .RelatedTo",
    since: "0.111.0",
    replacement: ".Related",
    scope: "template",
    soft: true,
    source: 'resources/page/pages_related.go "Deprecated: Use Related instead." (commit 90da766, v0.111.0); 0.169: no message',
  },

  // ---- site config ----
  {
    id: "cfg-languagecode",
    pattern: new RegExp(String.raw`^${LANG}languagecode=`),
    what: "config key languageCode (top level or languages.<lang>)",
    since: "0.158.0",
    replacement: "locale",
    replacementSince: "0.158.0",
    scope: "config",
    source: 'DeprecateWithLogger("project config key languageCode" / "languages.%s.languageCode", "Use locale instead.", "v0.158.0"); 0.169 WARN',
  },
  {
    id: "cfg-languagename",
    pattern: new RegExp(String.raw`^${LANG}languagename=`),
    what: "config key languages.<lang>.languageName",
    since: "0.158.0",
    replacement: "label",
    replacementSince: "0.158.0",
    scope: "config",
    source: 'DeprecateWithLogger("project config key languages.%s.languageName", "Use languages.%s.label instead.", "v0.158.0"); 0.169 WARN (a top-level languageName is not a Hugo key at all)',
  },
  {
    id: "cfg-languagedirection",
    pattern: new RegExp(String.raw`^${LANG}languagedirection=`),
    what: "config key languages.<lang>.languageDirection",
    since: "0.158.0",
    replacement: "direction",
    replacementSince: "0.158.0",
    scope: "config",
    source: 'DeprecateWithLogger("project config key languages.%s.languageDirection", "Use languages.%s.direction instead.", "v0.158.0"); 0.169 WARN',
  },
  {
    id: "cfg-paginate",
    pattern: new RegExp(String.raw`^${LANG}paginate=`),
    what: "config key paginate",
    since: "0.128.0",
    removed: "0.156.0",
    replacement: "[pagination] pagerSize",
    replacementSince: "0.128.0",
    scope: "config",
    source: 'DeprecateWithLogger("site config key paginate", "Use pagination.pagerSize instead.", "v0.128.0") up to v0.155.0; 0.169 ignores it without a word',
  },
  {
    id: "cfg-paginatepath",
    pattern: new RegExp(String.raw`^${LANG}paginatepath=`),
    what: "config key paginatePath",
    since: "0.128.0",
    removed: "0.156.0",
    replacement: "[pagination] path",
    replacementSince: "0.128.0",
    scope: "config",
    source: 'DeprecateWithLogger("site config key paginatePath", "Use pagination.path instead.", "v0.128.0") up to v0.155.0; 0.169 ignores it without a word',
  },
  {
    id: "cfg-author",
    pattern: /^(?:\[author[.\]]|author[.=])/,
    what: "top-level [author] config",
    since: "0.124.0",
    removed: "0.156.0",
    replacement: "[params] author (or an authors taxonomy)",
    scope: "config",
    source: 'allconfig.go "Author … Deprecated: Use taxonomies instead."; its only reader .Site.Author is gone since v0.156.0; 0.169: no message',
  },
  {
    id: "cfg-social",
    pattern: /^(?:\[social[.\]]|social[.=])/,
    what: "top-level [social] config",
    since: "0.124.0",
    removed: "0.156.0",
    replacement: "[params.social]",
    scope: "config",
    source: 'allconfig.go "Social … Deprecated: Use .Site.Params instead."; its only reader .Site.Social is gone since v0.156.0; 0.169: no message',
  },
  {
    id: "cfg-disqusshortname",
    pattern: /^disqusshortname=/,
    what: "top-level config key disqusShortname",
    since: "0.120.0",
    replacement: "[services.disqus] shortname",
    scope: "config",
    soft: true,
    source: "goes with .Site.DisqusShortname (deprecated v0.120.0); config/services/servicesConfig.go still reads it for backwards compatibility, docs only show services.disqus",
  },
  {
    id: "cfg-googleanalytics",
    pattern: /^googleanalytics=/,
    what: "top-level config key googleAnalytics",
    since: "0.120.0",
    replacement: "[services.googleAnalytics] id",
    scope: "config",
    soft: true,
    source: "goes with .Site.GoogleAnalytics (deprecated v0.120.0); config/services/servicesConfig.go still reads it for backwards compatibility, docs only show services.googleAnalytics",
  },
  {
    id: "cfg-twitter",
    pattern: /^\[?(?:privacy|services)\.twitter(?:[.=\]]|$)/,
    what: "config privacy.twitter / services.twitter",
    since: "0.141.0",
    removed: "0.165.0",
    replacement: "privacy.x / services.x",
    replacementSince: "0.141.0",
    scope: "config",
    source: 'DeprecateWithLogger("project config key privacy.twitter.*"/"services.twitter.disableInlineCSS", …, "v0.141.0"); removed by 8a468df (v0.165.0); 0.169 ignores them',
  },
  {
    id: "cfg-minify-root",
    pattern: /^(?:minify|minifyoutput)=/,
    what: "top-level minify = … / minifyOutput = …",
    since: "0.150.0",
    removed: "0.165.0",
    replacement: "[minify] minifyOutput = true",
    scope: "config",
    source: 'Deprecate("project config minify"/"minifyOutput", "Use minify.minifyOutput instead.", "v0.150.0"); ERROR (fails the build) 15 minors on; 0.169 fails',
  },
  {
    id: "cfg-tdewolff",
    pattern: /^minify\.tdewolff\.(?:html\.keepconditionalcomments|css\.keepcss2|(?:css|svg)\.decimals)=/,
    what: "minify.tdewolff html.keepConditionalComments / css.keepCSS2 / css|svg.decimals",
    since: "0.150.0",
    removed: "0.165.0",
    replacement: "html.keepSpecialComments / css.version / css|svg.precision",
    scope: "config",
    source: 'minifiers/config.go Deprecate("project config key minify.tdewolff.…", …, "v0.150.0"); 0.169 fails',
  },
  {
    id: "cfg-renderhooks-enabledefault",
    pattern: /^markup\.goldmark\.renderhooks\.(?:image|link)\.enabledefault=/,
    what: "markup.goldmark.renderHooks.image|link.enableDefault",
    since: "0.148.0",
    removed: "0.163.0",
    replacement: 'useEmbedded ("fallback" for true, "never" for false)',
    scope: "config",
    source: 'DeprecateWithLogger("project config key markup.goldmark.renderHooks.image.enableDefault", …, "0.148.0"); 0.169 fails (removed = ERROR by the 15-minor rule)',
  },
  {
    id: "cfg-imaging",
    pattern: /^imaging\.(?:quality|hint|compression)=/,
    what: "imaging.quality / imaging.hint / imaging.compression",
    since: "0.163.0",
    replacement: "per format: imaging.jpeg|webp|avif.quality, imaging.webp|avif.hint, imaging.webp|avif.compression",
    replacementSince: "0.163.0",
    scope: "config",
    source: 'DeprecateWithLogger("project config key imaging.quality"/"hint"/"compression", …, "v0.163.0"); 0.169 WARN',
  },
  {
    id: "cfg-mounts",
    pattern: /^module\.mounts\.(?:lang|includefiles|excludefiles)=/,
    what: "module.mounts lang / includeFiles / excludeFiles",
    since: "0.153.0",
    removed: "0.168.0",
    replacement: "sites.matrix (for lang) / files",
    replacementSince: "0.153.0",
    scope: "config",
    source: 'Deprecate("module.mounts.lang"/"includeFiles"/"excludeFiles", …, "v0.153.0"); 0.169 fails',
  },
  {
    id: "cfg-segments-lang",
    pattern: /^segments\.[^=]*\.lang=/,
    what: "segments … lang",
    since: "0.153.0",
    removed: "0.168.0",
    replacement: "sites.matrix",
    replacementSince: "0.153.0",
    scope: "config",
    source: 'DeprecateWithLogger("config segments.[...]lang ", "Use sites.matrix instead, …", "v0.153.0"); removed = ERROR by the 15-minor rule, not reproduced by hand',
  },
  {
    id: "cfg-cascade-_target",
    pattern: /(?:^|[.[])cascade\._target(?:[.=\]]|$)/,
    what: "cascade._target",
    since: "0.156.0",
    replacement: "cascade.target",
    scope: "config",
    source: 'resources/page/page_matcher.go Deprecate("cascade._target", "Use cascade.target instead, …", "v0.156.0")',
  },
  {
    id: "cfg-cascade-target-lang",
    pattern: /(?:^|[.[])cascade\.target\.lang=/,
    what: "cascade.target.lang",
    since: "0.150.0",
    removed: "0.165.0",
    replacement: "cascade.target.sites.matrix",
    replacementSince: "0.153.0",
    scope: "config",
    source: 'resources/page/page_matcher.go DeprecateWithLogger("cascade.target.language", "cascade.target.sites.matrix instead, …", "v0.150.0"); 0.169 fails',
  },
  {
    id: "cfg-permalink-filename",
    pattern: /^permalinks\.[^=]*=.*:(?:slugor)?filename\b/,
    what: 'permalink tokens ":filename" / ":slugorfilename"',
    since: "0.144.0",
    replacement: '":contentbasename" / ":slugorcontentbasename"',
    replacementSince: "0.144.0",
    scope: "config",
    // Hugo stopped logging it in 0.165 (8a468df "Remove some old deprecations") but still resolves the tokens.
    source: 'DeprecateWithLogger("the \\":filename\\" permalink token", …, "0.144.0") in v0.144.0–v0.164.0',
  },
  {
    id: "cfg-taxonomyterm",
    pattern: /^(?:disablekinds=.*\btaxonomyterm\b|outputs\.taxonomyterm=)/,
    what: 'kind "taxonomyTerm" in disableKinds / outputs',
    since: "0.73.0",
    removed: "0.73.0",
    replacement: '"taxonomy"',
    scope: "config",
    source: 'resources/kinds/kinds.go IsDeprecatedAndReplacedWith; 0.169: WARN "Kind \\"taxonomyterm\\" used in disableKinds is deprecated, use \\"taxonomy\\""',
  },
  {
    id: "cfg-cleandestinationdir",
    pattern: /^cleandestinationdir=/,
    what: "top-level cleanDestinationDir",
    since: "0.167.0",
    replacement: "[build.cleanDestinationDir] enable = true",
    replacementSince: "0.167.0",
    scope: "config",
    source: '0.169: INFO "project config cleanDestinationDir was deprecated in Hugo v0.167.0 … Use build.cleanDestinationDir.enable instead." (newer than the source mirror)',
  },
  {
    id: "cfg-blackfriday",
    pattern: /^markup\.defaultmarkdownhandler=.*blackfriday/,
    what: 'markup.defaultMarkdownHandler = "blackfriday"',
    since: "0.87.0",
    removed: "0.100.0",
    replacement: '"goldmark"',
    scope: "config",
    source: 'helpers.Deprecated("markup.defaultMarkdownHandler=blackfriday", …) in v0.87.0–v0.99.0; 0.169: "Blackfriday was removed in Hugo v0.100.0"',
  },
];

function versionKey(v: string): number {
  const [a = 0, b = 0, c = 0] = v.split(".").map(Number);
  return a * 1e6 + b * 1e3 + c;
}

export function message(d: Deprecation): string {
  let m = `${d.what}: deprecated in Hugo ${d.since}`;
  if (d.removed) m += `, removed (or failing the build) since ${d.removed}`;
  if (d.soft) m += " (documented only, Hugo logs nothing yet)";
  m += `; use ${d.replacement}`;
  if (d.replacementSince && versionKey(d.replacementSince) > versionKey(THEME_MIN_HUGO)) {
    m += ` — that needs Hugo ≥ ${d.replacementSince}, so pick by hugo.Version in layouts/partials/utils/hugo-compat/`;
  }
  return m;
}

/** Files under utils/hugo-compat/ may use old constructs: they choose by hugo.Version. */
export function isCompatFile(file: string): boolean {
  return /(^|\/)layouts\/_?partials\/utils\/hugo-compat\//.test(file.replace(/\\/g, "/"));
}

const blank = (s: string) => s.replace(/[^\n]/g, " ");

/**
 * A template's code in two versions of the same length and line breaks as the source: `code` keeps only
 * the inside of {{ }} actions with string literals blanked; `withStrings` keeps the literals. Go template
 * comments ({{/* … *\/}}, {{- /* … *\/ -}}) are blanked in both.
 */
export function templateCode(src: string): { code: string; withStrings: string } {
  let code = "";
  let withStrings = "";
  let i = 0;
  const n = src.length;
  while (i < n) {
    const open = src.indexOf("{{", i);
    if (open < 0) {
      code += blank(src.slice(i));
      withStrings += blank(src.slice(i));
      break;
    }
    code += blank(src.slice(i, open));
    withStrings += blank(src.slice(i, open));
    // A comment: "{{/*" or "{{- /*", up to "*/}}" or "*/ -}}".
    const comment = /^\{\{(?:-\s+)?\/\*/.exec(src.slice(open, open + 8));
    if (comment) {
      const endComment = src.indexOf("*/", open + comment[0].length);
      const close = endComment < 0 ? -1 : src.indexOf("}}", endComment + 2);
      const end = close < 0 ? n : close + 2;
      code += blank(src.slice(open, end));
      withStrings += blank(src.slice(open, end));
      i = end;
      continue;
    }
    // An action: copy up to the "}}" that is not inside a string literal.
    let j = open + 2;
    code += "{{";
    withStrings += "{{";
    while (j < n && !src.startsWith("}}", j)) {
      const ch = src[j] as string;
      if (ch === '"' || ch === "`" || ch === "'") {
        let k = j + 1;
        while (k < n && src[k] !== ch) {
          if (ch !== "`" && src[k] === "\\") k++;
          else if (ch !== "`" && src[k] === "\n") break; // unterminated: stop at the line's end
          k++;
        }
        const end = Math.min(k + 1, n);
        const lit = src.slice(j, end);
        code += ch + blank(lit.slice(1, -1)) + (lit.length > 1 ? lit.slice(-1) : "");
        withStrings += lit;
        j = end;
        continue;
      }
      code += ch;
      withStrings += ch;
      j++;
    }
    if (j < n) {
      code += "}}";
      withStrings += "}}";
      j += 2;
    }
    i = j;
  }
  return { code, withStrings };
}

/** True when the match sits in a chain through .Params or .Data (a user key, e.g. .Site.Params.Author). */
function inUserKeyChain(line: string, index: number): boolean {
  let s = index;
  while (s > 0 && /[\w.$]/.test(line[s - 1] as string)) s--;
  return /(?:^|\.)(?:Params|Data)(?:\.|$)/.test(line.slice(s, index));
}

const globalCopy = (re: RegExp) => new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g");

export function scanTemplate(file: string, text: string, list: Deprecation[] = deprecations): Problem[] {
  if (isCompatFile(file)) return [];
  const { code, withStrings } = templateCode(text);
  const codeLines = code.split("\n");
  const stringLines = withStrings.split("\n");
  const problems: Problem[] = [];
  for (const d of list) {
    if (d.scope !== "template") continue;
    if (d.exemptFile && d.exemptFile.test(withStrings)) continue;
    const lines = d.inStrings ? stringLines : codeLines;
    const re = globalCopy(d.pattern);
    lines.forEach((line, n) => {
      for (const m of line.matchAll(re)) {
        const at = m.index ?? 0;
        if (!d.inStrings && inUserKeyChain(line, at)) continue;
        problems.push({ file, line: n + 1, column: at + 1, message: message(d), id: d.id, soft: !!d.soft });
      }
    });
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Scans template files ({ file, text }); files under utils/hugo-compat/ are skipped. */
export function scanTemplates(files: Array<{ file: string; text: string }>, list: Deprecation[] = deprecations): Problem[] {
  return files.flatMap((f) => scanTemplate(f.file, f.text, list));
}

// ---- config (TOML) ----

function stripTomlComment(line: string): string {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#") return line.slice(0, i);
  }
  return line;
}

/** "a . \"B\" .c" -> "a.b.c" */
function normKey(k: string): string {
  return k
    .split(".")
    .map((p) => p.trim().replace(/^["']|["']$/g, ""))
    .join(".")
    .toLowerCase();
}

/** Open brackets minus closed ones outside strings (for arrays that go on over lines). */
function bracketDepth(s: string): number {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (quote) {
      if (ch === "\\" && quote === '"') i++;
      else if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "[" || ch === "{") depth++;
    else if (ch === "]" || ch === "}") depth--;
  }
  return depth;
}

/**
 * Scans a site config (TOML: hugo.toml, config.toml, config/_default/*.toml). Other formats throw, so a
 * new hugo.yaml is noticed instead of passing unscanned.
 */
export function scanConfig(text: string, file: string, list: Deprecation[] = deprecations): Problem[] {
  if (!/\.toml$/i.test(file)) throw new Error(`scanConfig: only TOML configs are supported, not ${file}`);
  const entries = list.filter((d) => d.scope === "config");
  const problems: Problem[] = [];
  let table = "";
  let openKey = ""; // key of an array/inline table that goes on over lines
  let depth = 0;
  let multiline = ""; // """ or ''' while inside a multi-line string
  const check = (subject: string, line: number, column: number) => {
    for (const d of entries) {
      if (d.pattern.test(subject)) {
        problems.push({ file, line, column, message: message(d), id: d.id, soft: !!d.soft });
      }
    }
  };
  text.split(/\r?\n/).forEach((raw, n) => {
    const lineNo = n + 1;
    if (multiline) {
      if (raw.includes(multiline)) multiline = "";
      return;
    }
    const line = stripTomlComment(raw);
    if (depth > 0) {
      check(`${openKey}=${line.trim().toLowerCase()}`, lineNo, 1);
      depth += bracketDepth(line);
      return;
    }
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*$/.exec(line);
    if (header) {
      table = normKey(header[1] as string);
      check(`[${table}]`, lineNo, line.indexOf("[") + 1);
      return;
    }
    const kv = /^(\s*)((?:"[^"]*"|'[^']*'|[\w-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[\w-]+))*)\s*=\s*(.*)$/.exec(line);
    if (!kv) return;
    const key = (table ? table + "." : "") + normKey(kv[2] as string);
    const value = (kv[3] as string).trim();
    for (const q of ['"""', "'''"]) {
      if (value.startsWith(q) && value.indexOf(q, 3) < 0) multiline = q;
    }
    check(`${key}=${value.toLowerCase()}`, lineNo, (kv[1] as string).length + 1);
    const d = bracketDepth(value);
    if (d > 0) {
      depth = d;
      openKey = key;
    }
  });
  return problems;
}

// ---- files on disk ----

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const exists = (p: string) => {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
};

/** Every file under the given layouts/ folders that exist. */
export function layoutFiles(dirs: string[]): string[] {
  return dirs
    .filter(exists)
    .flatMap((d) => walk(d))
    .sort();
}

/** The site config files of a site folder: hugo.* / config.* and config/<env>/*. */
export function configFiles(siteDir: string): string[] {
  const out: string[] = [];
  for (const base of ["hugo", "config"]) {
    for (const ext of ["toml", "yaml", "yml", "json"]) {
      const p = path.join(siteDir, `${base}.${ext}`);
      if (exists(p) && statSync(p).isFile()) out.push(p);
    }
  }
  const configDir = path.join(siteDir, "config");
  if (exists(configDir) && statSync(configDir).isDirectory()) {
    out.push(...walk(configDir).filter((p) => /\.(toml|ya?ml|json)$/i.test(p)));
  }
  return out.sort();
}
