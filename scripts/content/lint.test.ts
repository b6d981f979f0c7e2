import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { lintContent, urlize, type LintSite } from "./lint.ts";
import { formatProblem } from "../config/problem.ts";

/** A two-language site in a temp dir; `files` overrides/extends a clean baseline. */
async function site(files: Record<string, string | null> = {}): Promise<string[]> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "lint-"));
  const base: Record<string, string | null> = {
    "content/de/_index.md": '+++\ntitle = "Start"\ntranslationKey = "home"\n+++\nSiehe [Technik](/technik/) und [Hilfe]({{< relref "hilfe" >}}).\n',
    "content/en/_index.md": '+++\ntitle = "Home"\ntranslationKey = "home"\n+++\nSee [technology](/en/technik/).\n',
    "content/de/technik.md": '+++\ntitle = "Technik"\ndescription = "d"\nurl = "technik"\ntranslationKey = "technik"\nkeywords = ["a"]\n+++\n![Debian](/icons/debian.png)\n',
    "content/en/technik.md": '+++\ntitle = "Technology"\ndescription = "d"\nurl = "/en/technik/"\ntranslationKey = "technik"\n+++\nText\n',
    "content/de/hilfe.md": '+++\ntitle = "Hilfe"\ndescription = "d"\n+++\n[security.txt](/.well-known/security.txt)\n',
    "content/en/hilfe.md": '+++\ntitle = "Help"\ndescription = "d"\n+++\nText\n',
    "content/de/news/_index.md": '+++\ntitle = "News"\n+++\n[RSS](index.xml)\n',
    "content/en/news/_index.md": '+++\ntitle = "News"\n+++\n',
    "content/de/news/eins.md": '+++\ntitle = "Eins"\ndate = 2017-06-27\ndescription = "d"\ntags = ["Prosody Update"]\n+++\n[Tag](/tags/prosody-update/)\n',
    "content/en/news/eins.md": '+++\ntitle = "One"\ndate = "2017-06-27"\ndescription = "d"\nslug = "one"\n+++\n[back](/en/news/)\n',
    "static/icons/debian.png": "png",
    ...files,
  };
  for (const [f, body] of Object.entries(base)) {
    if (body === null) continue;
    await fs.mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await fs.writeFile(path.join(root, f), body);
  }
  const s: LintSite = {
    root,
    languages: [
      { code: "de", contentDir: "content/de" },
      { code: "en", contentDir: "content/en" },
    ],
    defaultLanguage: "de",
    defaultInSubdir: false,
    staticDirs: [path.join(root, "static")],
    taxonomies: ["tags", "categories"],
    generated: ["/.well-known/security.txt", "/sitemap.xml"],
  };
  return (await lintContent({ lint: s })).map((p) => formatProblem(p, root));
}

test("a clean site has no problems", async () => {
  assert.deepEqual(await site(), []);
});

test("broken TOML is reported at its line", async () => {
  assert.deepEqual(await site({ "content/de/hilfe.md": '+++\ntitle = "Hilfe"\ndescription = \n+++\n' }), [
    "content/de/hilfe.md:3: invalid TOML front matter: Key without value at row 2, col 15, pos 31:",
  ]);
});

test("missing required keys per content type", async () => {
  const p = await site({
    "content/de/hilfe.md": '+++\ndescription = "d"\n+++\n',
    "content/en/news/eins.md": '+++\ntitle = "One"\n+++\n',
  });
  assert.deepEqual(p, [
    "content/de/hilfe.md:1: front matter has no title (required for a page: title, description)",
    "content/en/news/eins.md:1: front matter has no date (required for a news post: title, date, description)",
    "content/en/news/eins.md:1: front matter has no description (required for a news post: title, date, description)",
  ]);
});

test("dates must be dates and lists must be lists, at the key's line", async () => {
  const p = await site({
    "content/de/news/eins.md": '+++\ntitle = "Eins"\ndescription = "d"\ndate = "gestern"\ntags = "Prosody"\ndraft = "no"\n+++\n',
  });
  assert.deepEqual(p, [
    'content/de/news/eins.md:4: date must be a date like date = 2017-06-27 (or 2017-06-27T10:00:00Z), got "gestern"',
    'content/de/news/eins.md:5: tags must be a list like tags = ["a", "b"], got "Prosody"',
    'content/de/news/eins.md:6: draft must be true or false, got "no"',
  ]);
  assert.match((await site({ "content/de/technik.md": '+++\ntitle = "T"\ndescription = "d"\nurl = "technik"\ntranslationKey = "technik"\nlastmod = "2017-02-30"\n+++\n' })).join("\n"), /technik\.md:6: lastmod must be a date/);
});

test("internal links, images and refs must point at something that exists", async () => {
  const p = await site({
    "content/de/hilfe.md": '+++\ntitle = "Hilfe"\ndescription = "d"\n+++\nZeile\n[kaputt](/gibts-nicht/)\n![Bild](/icons/fehlt.png)\n[ok](/technik/) [en](/en/hilfe/) [extern](https://example.org/x)\n[ref]({{< relref "nirgends" >}}) [ref2]({{< relref path="technik.md" lang="en" >}})\n`[code](/kein-link/)`\n',
  });
  assert.deepEqual(p, [
    "content/de/hilfe.md:6: link /gibts-nicht/ points at no page or file of this site",
    "content/de/hilfe.md:7: image /icons/fehlt.png points at no page or file of this site",
    'content/de/hilfe.md:9: ref "nirgends" points at no page in content/de',
  ]);
});

test("link texts that do not name their target are refused at their line, in both languages", async () => {
  const p = await site({
    "content/de/hilfe.md": '+++\ntitle = "Hilfe"\ndescription = "d"\n+++\nWas XMPP ist, steht [hier](/technik/).\n[Mehr](/technik/) und [die Technik](/technik/)\n<a href="/technik/">Klick hier</a>\n`[hier](/technik/)` ![hier](/icons/debian.png)\n',
    "content/en/hilfe.md": '+++\ntitle = "Help"\ndescription = "d"\n+++\nRead [here](/en/technik/), or [read more](/en/technik/).\n[how it works](/en/technik/)\n',
  });
  const hint = 'does not say where the link leads\n  name the target (e.g. "what XMPP is" instead of "hier"/"here")';
  assert.deepEqual(p, [
    `content/de/hilfe.md:5: link text "hier" ${hint}`,
    `content/de/hilfe.md:6: link text "Mehr" ${hint}`,
    `content/de/hilfe.md:7: link text "Klick hier" ${hint}`,
    `content/en/hilfe.md:5: link text "here" ${hint}`,
    `content/en/hilfe.md:5: link text "read more" ${hint}`,
  ]);
});

test("a relative link is resolved against the page's URL", async () => {
  const p = await site({ "content/en/news/_index.md": '+++\ntitle = "News"\n+++\n[feed](index.xml) [broken](nothing.xml)\n' });
  assert.deepEqual(p, ["content/en/news/_index.md:4: link nothing.xml points at no page or file of this site (resolved to /en/news/nothing.xml)"]);
});

test("every page needs its translation unless translation = false", async () => {
  assert.deepEqual(await site({ "content/en/hilfe.md": null }), ["content/de/hilfe.md:1: no en translation\n  add content/en/hilfe.md, or set translation = false"]);
  assert.deepEqual(await site({ "content/de/technik.md": null, "content/de/_index.md": '+++\ntitle = "Start"\ntranslationKey = "home"\n+++\n' }), [
    'content/en/technik.md:5: no de translation\n  add content/de/technik.md with translationKey = "technik", or set translation = false',
  ]);
  assert.deepEqual(await site({ "content/en/hilfe.md": null, "content/de/hilfe.md": '+++\ntitle = "Hilfe"\ndescription = "d"\ntranslation = false\n+++\n' }), []);
});

test("a translationKey used twice in one language is reported", async () => {
  const p = await site({ "content/de/hilfe.md": '+++\ntitle = "Hilfe"\ndescription = "d"\ntranslationKey = "technik"\n+++\n' });
  assert.ok(p.includes('content/de/technik.md:5: translationKey "technik" is also used by content/de/hilfe.md') || p.includes('content/de/hilfe.md:4: translationKey "technik" is also used by content/de/technik.md'), p.join("\n"));
});

test("YAML or missing front matter is refused", async () => {
  const p = await site({ "content/de/hilfe.md": "---\ntitle: Hilfe\n---\n", "content/en/hilfe.md": "Just text\n" });
  assert.deepEqual(p, ["content/de/hilfe.md:1: front matter must be TOML between +++ lines, not YAML", "content/en/hilfe.md:1: no front matter (expected +++ TOML +++ with a title)"]);
});

test("urlize matches Hugo for terms", () => {
  assert.equal(urlize("Prosody Update"), "prosody-update");
  assert.equal(urlize("Verschlüsselung"), "verschlüsselung");
});

test("links and images with javascript: or data: URLs are refused at their line, however they are spelled", async () => {
  const p = await site({
    "content/de/hilfe.md":
      '+++\ntitle = "Hilfe"\ndescription = "d"\n+++\n[Technik](/technik/)\n[Klick mich](javascript:alert(1))\n![Bild]( DATA:image/svg+xml;base64,PHN2Zz4= )\n<a href=" &#106;avascript:alert(1)">Technik</a>\n[Verweis][x]\n\n[x]: java&#x09;script:alert(1)\n`[Code](javascript:nur-text)`\n',
  });
  assert.deepEqual(
    p.map((l) => l.split("\n")[0]),
    [
      'content/de/hilfe.md:6: link to a javascript: URL ("javascript:alert(1)"): content must not run code or embed documents through links',
      'content/de/hilfe.md:7: link to a data: URL ("DATA:image/svg+xml;base64,PHN2Zz4="): content must not run code or embed documents through links',
      'content/de/hilfe.md:8: link to a javascript: URL (" &#106;avascript:alert(1)"): content must not run code or embed documents through links',
      'content/de/hilfe.md:11: link to a javascript: URL ("java&#x09;script:alert(1)"): content must not run code or embed documents through links',
    ],
  );
});
