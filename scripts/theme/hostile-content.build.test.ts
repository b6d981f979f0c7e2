// Content and data the theme does not trust to be harmless, built with plain hugo (lint:content not run,
// as when someone builds without the project's scripts), on current Hugo and on Debian stable's 0.111:
// a Markdown link to javascript: or data: never reaches the output as such (render-link.html leaves it
// to html/template, which writes #ZgotmplZ), and quotes and < in data/clients.toml (names, links, notes,
// platform keys) and in icon.html's class and label are escaped, so they cannot add elements or attributes.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentHugo, runHugo, stableHugo } from "../build/hugo.ts";
import { themeDir } from "../config/paths.ts";

const hugos = [
  { name: "current Hugo", bin: currentHugo },
  { name: "Hugo 0.111 (Debian stable)", bin: stableHugo },
];

/** Links that would run code or load a document, in spellings a browser reads as their scheme. */
const HOSTILE = [
  "[a1](javascript:alert(1))",
  "[a2](JaVaScRiPt:alert(1))",
  "[a3](&#106;avascript:alert(1))",
  "[a4](java&#x09;script:alert(1))",
  "[a5](<  javascript:alert(1)>)",
  "[a6](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[a7](vbscript:msgbox)",
];
const FINE = ["[b1](https://example.org/x?a=1&b=2)", "[b2](xmpp:anna@example.org?message)", "[b3](/about/)", "[b4](mailto:admin@example.org)", "[b5](../other/)"];

const CLIENTS = `[[platform]]
key = 'desk" onmouseover="alert(1)'
[platform.name]
en = 'Desk"top <i>all</i>'

[[client]]
name = 'Evil "Client" <b>bold</b>'
platforms = ['desk" onmouseover="alert(1)']
link = 'https://example.org/?a="1"&b=<x>'
omemo = true
[client.note]
en = 'A note with <script>alert(1)</script> and "quotes"'
`;

const tmpDirs: string[] = [];
after(async () => {
  for (const d of tmpDirs) await fs.rm(d, { recursive: true, force: true });
});

async function makeSite(): Promise<string> {
  const site = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-hostile-"));
  tmpDirs.push(site);
  await fs.writeFile(path.join(site, "hugo.toml"), `baseURL = "https://example.org/"\ntitle = "Hostile"\ntheme = "broccoli"\nthemesDir = ${JSON.stringify(path.dirname(themeDir))}\n`);
  const files: Record<string, string> = {
    "content/links.md": `---\ntitle: Links\n---\n${[...HOSTILE, ...FINE].join("\n\n")}\n`,
    "content/apps.md": `---\ntitle: Apps\n---\n{{< clients >}}\n\n{{< icon-args class=\`x" onmouseover="alert(2)\` label=\`<b>lock</b>" onfocus="alert(3)\` >}}\n`,
    // a site's own shortcode handing its arguments to the theme's icon partial
    "layouts/shortcodes/icon-args.html": `{{ partial "icon.html" (dict "name" "lock" "class" (.Get "class") "label" (.Get "label")) }}`,
    "data/clients.toml": CLIENTS,
  };
  for (const [f, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(site, f)), { recursive: true });
    await fs.writeFile(path.join(site, f), text);
  }
  return site;
}

const mainOf = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));

for (const hugo of hugos) {
  describe(hugo.name, () => {
    let site = "";
    const read = async (p: string) => mainOf(await fs.readFile(path.join(site, "public", p), "utf8"));
    before(async () => {
      assert.ok(existsSync(hugo.bin), `${hugo.bin} is missing: run npm run setup`);
      site = await makeSite();
      await runHugo(["--source", site, "--destination", path.join(site, "public")], { env: { HUGO_BIN: hugo.bin } });
    });

    test("javascript:, data: and vbscript: links never reach a browser as such; http(s), xmpp, mailto and relative links stay as written", async () => {
      const main = await read("links/index.html");
      const links = [...main.matchAll(/<a href="([^"]*)"[^>]*>(\w+)<\/a>/g)].map((m) => ({ text: m[2] as string, href: m[1] as string }));
      assert.deepEqual(
        links.map((l) => l.text),
        [...HOSTILE, ...FINE].map((l) => /^\[(\w+)\]/.exec(l)?.[1]),
      );
      for (const { text, href } of links.filter((l) => l.text.startsWith("a"))) {
        // what the browser's URL parser makes of the attribute value: never a scheme that runs or embeds
        // (character references decoded once, as an HTML parser does)
        const value = href.replace(/&(amp|#\d+);/g, (_, r: string) => (r === "amp" ? "&" : String.fromCodePoint(Number(r.slice(1)))));
        assert.equal(new URL(value, "https://example.org/links/").protocol, "https:", `${text}: ${href}`);
      }
      // the ones html/template recognises as a scheme are replaced outright
      for (const n of [1, 2, 5, 6, 7]) assert.equal(links.find((l) => l.text === `a${n}`)?.href, "#ZgotmplZ", `a${n}`);
      assert.deepEqual(
        links.filter((l) => l.text.startsWith("b")).map((l) => l.href),
        ["https://example.org/x?a=1&amp;b=2", "xmpp:anna@example.org?message", "/about/", "mailto:admin@example.org", "../other/"],
      );
    });

    test("quotes and < from data/clients.toml are escaped: no element or attribute comes from data", async () => {
      const main = await read("apps/index.html");
      assert.doesNotMatch(main, /<b>|<i>|<script>/);
      assert.match(main, /Evil &#34;Client&#34; &lt;b&gt;bold&lt;\/b&gt;/);
      assert.match(main, /Desk&#34;top &lt;i&gt;all&lt;\/i&gt;/);
      assert.match(main, /A note with &lt;script&gt;alert\(1\)&lt;\/script&gt; and &#34;quotes&#34;/);
      // the link is one attribute value: its quotes are escaped, nothing after it becomes an attribute
      const href = /<a href="([^"]*)" rel="external">Evil/.exec(main)?.[1];
      assert.ok(href && !href.includes('"') && !href.includes("<"), `href: ${href}\n${main}`);
      assert.match(main, /<svg class="icon" aria-hidden="true" focusable="false"/);
      // a platform key is an id: its quotes cannot end the attribute
      assert.doesNotMatch(main, /\son(mouseover|focus)="/);
      assert.match(main, /id="clients-desk&#34; onmouseover=&#34;alert\(1\)"/);
    });

    test("an icon's class and label are escaped attribute values", async () => {
      const main = await read("apps/index.html");
      assert.match(main, /<svg class="icon x&#34; onmouseover=&#34;alert\(2\)" role="img" aria-label="&lt;b&gt;lock&lt;\/b&gt;&#34; onfocus=&#34;alert\(3\)"/);
    });
  });
}
