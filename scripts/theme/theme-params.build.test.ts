// The theme stands alone: a site without any [params] builds with plain hugo, on current Hugo and on
// Debian stable's 0.111.3. What needs a missing param is left out (no empty link, box or "<nil>"), with
// one WARN per missing key and build; a param of the wrong type stops the build with an error naming it.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentHugo, runHugo, stableHugo } from "../build/hugo.ts";
import { ProblemList } from "../config/problem.ts";
import { themeDir } from "../config/paths.ts";

const hugos = [
  { name: "current Hugo", bin: currentHugo },
  { name: "Hugo 0.111 (Debian stable)", bin: stableHugo },
];

/** Every shortcode that reads a param or a data file, and button (which links to the register page). */
const shortcodes = `Domain: {{< domain >}}. Address: {{< jid "anna" >}}. Admin: {{< contact "admin" >}}. Mail: {{< contact "email" >}}.

{{< xmpp contact="support" action="join" >}}

{{< xmpp param="contact.admin" >}}

{{< endpoints >}}

{{< badge report="imObserver" label="IM Observatory" >}}

{{< graphs >}}

Since {{< param-value "since" "2006" >}}; domain {{< param-value "xmpp.domain" >}}.

{{< xeps >}}

{{< clients >}}

{{< button page="/register" >}}Sign up{{< /button >}}
`;

/** The keys the pages above need, none of them set: each must be named in exactly one WARN. */
const missingKeys = [
  "xmpp.domain",
  "xmpp.websocket",
  "xmpp.bosh",
  "xmpp.xmpps",
  "register.minPasswordLength",
  "register.maxUsernameLength",
  "contact.admin",
  "contact.email",
  "contact.support",
  "reports.imObserver",
  "stats.base",
  "stats.graphs",
  "stats.width",
  "stats.height",
  "status.metrics",
  "since",
  // the home page's facts (layouts/partials/home/facts.html)
  ...homeFactKeys(),
];
const missingData = ["data/xeps.toml", "data/clients.toml"];
/** the home page's front matter page refs (layouts/partials/home/page-ref.html) */
const homeFields = ["signup", "howto", "apps", "contacts"];
const homeFieldWarn = (f: string) => `broccoli: the home page has no front matter field ${f} (a page ref): its link on the home page is left out`;

function homeFactKeys(): string[] {
  return [
    "provider.freeOfCharge",
    "noAdsNoTracking",
    "provider.serverLocations",
    "provider.professionalHosting",
    "provider.busFactor",
    "provider.maximumHttpFileUploadTotalSize",
    "provider.maximumHttpFileUploadStorageTime",
    "provider.maximumMessageArchiveManagementStorageTime",
  ];
}

const tmpDirs: string[] = [];
after(async () => {
  for (const d of tmpDirs) await fs.rm(d, { recursive: true, force: true });
});

/** A throwaway site: hugo.toml (the theme from this repository) plus pages; returns its folder. */
async function makeSite(config: string, pages: Record<string, string>): Promise<string> {
  const site = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-params-"));
  tmpDirs.push(site);
  await fs.writeFile(path.join(site, "hugo.toml"), `baseURL = "https://example.org/"\ntitle = "Bare XMPP"\ntheme = "broccoli"\nthemesDir = ${JSON.stringify(path.dirname(themeDir))}\n${config}`);
  for (const [file, text] of Object.entries(pages)) {
    await fs.mkdir(path.dirname(path.join(site, "content", file)), { recursive: true });
    await fs.writeFile(path.join(site, "content", file), text);
  }
  return site;
}

const page = (title: string, body: string, front = "") => `---\ntitle: ${JSON.stringify(title)}\n${front}---\n${body}\n`;

async function build(bin: string, site: string): Promise<string[]> {
  const warns = await runHugo(["--source", site, "--destination", path.join(site, "public")], { env: { HUGO_BIN: bin } });
  return warns.split("\n").filter((l) => l.startsWith("WARN"));
}

async function buildError(bin: string, site: string): Promise<string> {
  try {
    await runHugo(["--source", site, "--destination", path.join(site, "public")], { env: { HUGO_BIN: bin } });
  } catch (e) {
    if (e instanceof ProblemList) return e.message;
    throw e;
  }
  assert.fail("the build succeeded, but it should have failed");
}

async function htmlFiles(dir: string, out: string[] = []): Promise<string[]> {
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await htmlFiles(p, out);
    else if (e.name.endsWith(".html")) out.push(p);
  }
  return out;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const mainOf = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));

for (const hugo of hugos) {
  describe(hugo.name, () => {
    test("is installed (npm run setup)", () => {
      assert.ok(existsSync(hugo.bin), `${hugo.bin} is missing: run npm run setup`);
    });

    describe("a site without params, in two languages", () => {
      let site = "";
      let warns: string[] = [];
      const read = (p: string) => fs.readFile(path.join(site, "public", p), "utf8");

      before(async () => {
        const pages: Record<string, string> = {};
        for (const lang of ["de", "en"]) {
          pages[`${lang}/register.md`] = page("Register", "Sign up here.", "layout: register\n");
          pages[`${lang}/invite.md`] = page("Invitation", "You were invited.", "layout: invite\n");
          pages[`${lang}/shortcodes.md`] = page("Shortcodes", shortcodes);
        }
        site = await makeSite(`defaultContentLanguage = "de"\n[languages.de]\n  weight = 1\n  contentDir = "content/de"\n[languages.en]\n  weight = 2\n  contentDir = "content/en"\n`, pages);
        warns = await build(hugo.bin, site);
      });

      test("each missing param is named in exactly one WARN, with what is left out", () => {
        for (const key of missingKeys) {
          const named = warns.filter((l) => new RegExp(`\\bparams\\.${esc(key)} is not set: .*left out|\\bparams\\.${esc(key)} is not set: .*nothing`).test(l));
          assert.equal(named.length, 1, `params.${key}: ${named.length} WARNs\n${warns.join("\n")}`);
        }
        for (const file of missingData) {
          assert.equal(warns.filter((l) => l.includes(`${file} has no`)).length, 1, `${file}\n${warns.join("\n")}`);
        }
        for (const f of homeFields) {
          assert.equal(warns.filter((l) => l.endsWith(homeFieldWarn(f))).length, 1, `home page field ${f}\n${warns.join("\n")}`);
        }
      });

      test("nothing else is warned about (no deprecations, no duplicates)", () => {
        assert.equal(warns.length, missingKeys.length + missingData.length + homeFields.length, warns.join("\n"));
      });

      test("no page has an empty link, a <nil> or a formatting error", async () => {
        const files = await htmlFiles(path.join(site, "public"));
        assert.ok(files.length >= 8, `pages built: ${files.length}`);
        for (const f of files) {
          const html = await fs.readFile(f, "utf8");
          const where = path.relative(site, f);
          assert.doesNotMatch(html, /\b(href|src)=(""|''|(?=[\s>]))/, `${where}: empty href or src`);
          assert.doesNotMatch(html, /<nil>|&lt;nil&gt;|<no value>/, `${where}: nil printed`);
          assert.doesNotMatch(html, /%!/, `${where}: printf error`);
        }
      });

      test("the shortcodes that need a param are left out; the text around them and button stay", async () => {
        for (const p of ["shortcodes/index.html", "en/shortcodes/index.html"]) {
          const main = mainOf(await read(p));
          for (const box of ['class="endpoints"', 'class="graphs"', 'class="badge"', 'class="xmpp-uri"', 'class="contact', 'class="jid"', "data-xeps", 'class="clients"']) {
            assert.ok(!main.includes(box), `${p}: ${box} should be left out`);
          }
          assert.match(main, /Domain: \. Address: \. Admin: \. Mail: \./);
          assert.match(main, /Since ; domain \./);
          assert.match(main, new RegExp(`<a class="button button-primary" href="${p.startsWith("en/") ? "/en" : ""}/register/">Sign up</a>`));
          assert.doesNotMatch(await read(p), /\/qr\.[0-9a-f]+\.js/, `${p}: no QR codes, so no qr bundle`);
        }
      });

      test("the register and invite pages keep their text but leave out the form and its scripts", async () => {
        for (const [p, text] of [
          ["register/index.html", "Sign up here."],
          ["invite/index.html", "You were invited."],
          ["en/register/index.html", "Sign up here."],
        ] as const) {
          const html = await read(p);
          assert.ok(mainOf(html).includes(text), `${p}: its content`);
          assert.doesNotMatch(html, /data-register|data-invite-app|<noscript>/, `${p}: no form, no invite machinery`);
          assert.doesNotMatch(html, /\/(register|invite|qr)\.[0-9a-f]+\.js/, `${p}: no register/invite/qr bundle`);
        }
      });

      test("the footer leaves out the year the service started", async () => {
        const footer = (await read("index.html")).split('<footer class="site-footer">')[1] ?? "";
        assert.match(footer, /Bare XMPP · © \d{4}/);
      });

      test("without menus there is no empty nav and no Menu button that folds nothing", async () => {
        for (const p of ["index.html", "en/index.html", "shortcodes/index.html"]) {
          const html = await read(p);
          assert.doesNotMatch(html, /data-nav-toggle|id="?main-nav/, `${p}: no main menu, no Menu button`);
          assert.doesNotMatch(html, /<nav[^>]*>\s*(<ul[^>]*>\s*<\/ul>)?\s*<\/nav>/, `${p}: no empty nav`);
        }
      });
    });

    describe("a site with a few params", () => {
      let site = "";
      let warns: string[] = [];
      before(async () => {
        site = await makeSite(
          `[params]\n  since = 2020-03-01\n[params.xmpp]\n  domain = "example.org"\n  websocket = "wss://example.org/xmpp-websocket"\n[params.contact]\n  admin = "admin@example.org"\n`,
          {
            "register.md": page("Register", "Sign up here.", "layout: register\n"),
            "facts.md": page("Facts", `{{< jid "anna" >}} {{< contact "admin" >}} {{< param-value "since" "2006" >}}\n\n{{< endpoints >}}`),
          },
        );
        warns = await build(hugo.bin, site);
      });

      test("only the params that a shown feature lacks are warned about", () => {
        // the register form and the home page's facts and links (the home page is always shown)
        assert.deepEqual(
          warns.map((l) => l.replace(/^WARN\s+/, "").replace(/ is not set: .*/, "")).sort(),
          [
            ...homeFactKeys().map((k) => `broccoli: params.${k}`),
            "broccoli: params.register.maxUsernameLength",
            "broccoli: params.register.minPasswordLength",
            ...homeFields.map(homeFieldWarn),
          ].sort(),
        );
      });

      test("what is set is shown; an endpoint that is not set is left out of the list", async () => {
        const main = mainOf(await fs.readFile(path.join(site, "public/facts/index.html"), "utf8"));
        assert.match(main, /<code class="jid">anna@example\.org<\/code>/);
        assert.match(main, /<a class="contact contact-xmpp" href="xmpp:admin@example\.org">admin@example\.org<\/a>/);
        assert.match(main, /\b2020\b/);
        assert.equal([...main.matchAll(/<div class="endpoint">/g)].length, 1);
        assert.match(main, /<code class="copyable" data-copy>wss:\/\/example\.org\/xmpp-websocket<\/code>/);
        const footer = (await fs.readFile(path.join(site, "public/index.html"), "utf8")).split('<footer class="site-footer">')[1] ?? "";
        assert.match(footer, /Bare XMPP · since 2020 · © \d{4}/);
      });
    });

    describe("a site with params of the wrong type", () => {
      let message = "";
      before(async () => {
        const site = await makeSite(
          `[params]\n  since = "last year"\n  contact = "x"\n[params.xmpp]\n  domain = 5\n[params.register]\n  minPasswordLength = "eight"\n  maxUsernameLength = 64\n[params.stats]\n  base = "/stats/"\n  graphs = ["c2s", 5]\n  width = 400\n  height = 200\n`,
          {
            "register.md": page("Register", "Sign up here.", "layout: register\n"),
            "facts.md": page("Facts", `{{< graphs >}}\n\nOperator: {{< param-value "operator.name" >}}`),
          },
        );
        message = await buildError(hugo.bin, site);
      });

      test("each error names the key and what it must be", () => {
        for (const re of [
          /params\.xmpp\.domain must be a text, got 5/,
          /params\.register\.minPasswordLength must be a number, got "eight"/,
          /params\.contact must be a table \(\[params\.contact\]\), got "x"/,
          /params\.since must be a date \(e\.g\. 2017-06-27\), got "last year"/,
          /params\.stats\.graphs must be a list of texts/,
        ]) {
          assert.match(message, re);
        }
      });

      test("content that names a param neither the site nor the theme has is an error at its position", () => {
        assert.match(message, /facts\.md:\d+:\d+: broccoli: params\.operator\.name is not set/);
      });
    });
  });
}
