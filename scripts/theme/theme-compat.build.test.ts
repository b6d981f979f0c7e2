// The theme must render content written for other themes: the owner's verbatim seed page
// (e2e/fixtures/seed/technik.md, with raw HTML and remote images) in a throwaway site.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildAssets } from "../build/assets.ts";
import { runHugo } from "../build/hugo.ts";
import { root, themeDir } from "../config/paths.ts";

let site = "";
let html = "";

before(async () => {
  site = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-compat-"));
  await buildAssets({ production: true, outDir: path.join(site, "assets/dist") });
  await fs.mkdir(path.join(site, "content"), { recursive: true });
  await fs.copyFile(path.join(root, "e2e/fixtures/seed/technik.md"), path.join(site, "content/technik.md"));
  await fs.writeFile(
    path.join(site, "hugo.toml"),
    `baseURL = "https://example.org/"\ntitle = "Another XMPP provider"\ntheme = "broccoli"\nthemesDir = ${JSON.stringify(path.dirname(themeDir))}\nlocale = "de"\ndefaultContentLanguage = "de"\n` +
      // a menu of another site: a page and an entry that points elsewhere (it has no page)
      `[[menu.main]]\n  name = "Technik"\n  pageRef = "/technik"\n[[menu.main]]\n  name = "Status"\n  url = "https://status.example.org/"\n`,
  );
  await runHugo(["--minify", "--source", site, "--destination", path.join(site, "public")]);
  html = await fs.readFile(path.join(site, "public/technik/index.html"), "utf8");
});

after(async () => {
  if (site) await fs.rm(site, { recursive: true, force: true });
});

const text = (s: string) => s.replace(/<[^>]+>/g, "").trim();

test("the verbatim seed page renders at its url with every section", () => {
  const prose = html.slice(html.search(/class="?prose/));
  assert.ok(prose.length > 0, "the page has a prose body");
  const h2 = [...prose.matchAll(/<h2[^>]*>(.*?)<\/h2>/g)].map((m) => text(m[1] as string));
  const h3 = [...prose.matchAll(/<h3[^>]*>(.*?)<\/h3>/g)].map((m) => text(m[1] as string));
  assert.deepEqual(h2, ["Sicherheit", "Features", "Registrieren", "IM Observer", "Statistiken"]);
  assert.deepEqual(h3, ["DNS", "nginx", "Prosody", "Verschlüsselung", "Zertifikate", "Passwörter", "XEP-0156: Alternative XMPP Connection Methods"]);
  assert.match(html, /<h1[^>]*>Server Technik<\/h1>/);
});

test("all 17 XEP links and both code blocks survive", () => {
  const xeps = new Set([...html.matchAll(/href="?https:\/\/xmpp\.org\/extensions\/xep-(\d{4})\.html/g)].map((m) => m[1]));
  assert.equal(xeps.size, 17);
  assert.equal([...html.matchAll(/class="?code-block/g)].length, 2);
  assert.match(html, /ssl_ecdh_curve/);
  assert.match(html, /Strict-Transport-Security/);
});

test("its front matter becomes meta tags, and nothing inline or remote is loaded", () => {
  assert.match(html, /<meta name="?description"? content="?verwendete Server Technik/);
  assert.match(html, /<meta name="?keywords"? content="Prosody,Debian,XMPP,MagicBroccoli XMPP"/);
  assert.match(html, /<meta name="?author"? content="?nico/);
  assert.doesNotMatch(html, /\sstyle=/, "no style attributes (raw HTML is not rendered)");
  assert.doesNotMatch(html, /<img[^>]+src="?https?:\/\//, "no remote images");
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline scripts");
});

test("a site's own menu, with an entry that has no page, renders and marks the current page", () => {
  const nav = html.slice(html.indexOf('id="main-nav"') >= 0 ? html.indexOf('id="main-nav"') : html.indexOf("id=main-nav"));
  assert.match(nav, /<a href="?\/technik\/"? aria-current="?page"?>Technik<\/a>/);
  assert.match(nav, /<a href="?https:\/\/status\.example\.org\/"?>Status<\/a>/);
});
