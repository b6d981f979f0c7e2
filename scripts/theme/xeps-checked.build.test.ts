// The xeps shortcode and data/server.toml (npm run verify-server -- --write): with the file, the table
// says when it was checked against the server, in the page's language, and marks the XEPs the server
// did not advertise; without it, neither appears and the table adds no WARN to those the same site prints
// without it (the theme warns about the params this small site leaves out). Both Hugo versions.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentHugo, runHugo, stableHugo } from "../build/hugo.ts";
import { themeDir } from "../config/paths.ts";

const hugos = [
  { name: "current Hugo", bin: currentHugo },
  { name: "Hugo 0.111 (Debian stable)", bin: stableHugo },
];

const XEPS = ["0280", "0033"]
  .map((n) => `[[xep]]\nnumber = "${n}"\nname = "Name ${n}"\nurl = "https://xmpp.org/extensions/xep-${n}.html"\nmodule = ""\n[xep.benefit]\nde = "Nutzen ${n}"\nen = "Benefit ${n}"\n`)
  .join("\n");
const SERVER = `checked = "2026-12-03"\ndomain = "example.org"\n[xeps]\nadvertised = ["0280"]\nmissing = ["0033"]\nunchecked = []\n`;

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

/** A two-language site with the theme and, unless `withTable` is false, one page with the xeps table;
 *  returns its folder. */
async function site(withServer: boolean, withTable = true): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-xeps-"));
  dirs.push(dir);
  await fs.writeFile(
    path.join(dir, "hugo.toml"),
    [
      `baseURL = "https://example.org/"`,
      `title = "XEPs"`,
      `theme = "broccoli"`,
      `themesDir = ${JSON.stringify(path.dirname(themeDir))}`,
      `defaultContentLanguage = "de"`,
      `[languages.de]`,
      `weight = 1`,
      `contentDir = "content/de"`,
      `[languages.en]`,
      `weight = 2`,
      `contentDir = "content/en"`,
      ``,
    ].join("\n"),
  );
  await fs.mkdir(path.join(dir, "data"));
  await fs.writeFile(path.join(dir, "data/xeps.toml"), XEPS);
  if (withServer) await fs.writeFile(path.join(dir, "data/server.toml"), SERVER);
  for (const lang of ["de", "en"]) {
    await fs.mkdir(path.join(dir, "content", lang), { recursive: true });
    const body = withTable ? "{{< xeps >}}" : "No table.";
    await fs.writeFile(path.join(dir, "content", lang, "xeps.md"), `---\ntitle: XEPs\n---\n${body}\n`);
  }
  return dir;
}

async function build(bin: string, dir: string): Promise<{ warns: string[]; de: string; en: string }> {
  const out = await runHugo(["--source", dir, "--destination", path.join(dir, "public")], { env: { HUGO_BIN: bin } });
  const read = (p: string) => fs.readFile(path.join(dir, "public", p), "utf8");
  return { warns: out.split("\n").filter((l) => l.startsWith("WARN")), de: await read("xeps/index.html"), en: await read("en/xeps/index.html") };
}

/** The text of the row of XEP `n`, tags removed. */
const row = (html: string, n: string) =>
  (new RegExp(`<tr[^>]*data-number="${n}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The WARN lines the same site prints without the table: the theme's notes on the params it lacks.
 *  Built once per Hugo binary; both tests of that version compare with it. */
const baselines = new Map<string, Promise<string[]>>();
function baselineWarns(bin: string): Promise<string[]> {
  let b = baselines.get(bin);
  if (!b)
    baselines.set(
      bin,
      (b = site(false, false)
        .then((dir) => build(bin, dir))
        .then((r) => r.warns)),
    );
  return b;
}

for (const h of hugos) {
  test(`${h.name}: with data/server.toml the table says when it was checked and marks what the server did not advertise`, async () => {
    const { de, en, warns } = await build(h.bin, await site(true));
    assert.deepEqual(warns, await baselineWarns(h.bin));
    assert.match(de, /<p class="xeps-checked">Mit dem Server abgeglichen am 3\. Dezember 2026\.<\/p>/);
    assert.match(en, /<p class="xeps-checked">Checked against the server on (3 December 2026|December 3, 2026)\.<\/p>/);
    assert.equal(row(en, "0033"), "XEP-0033 Name 0033 not advertised by the server when checked Benefit 0033");
    assert.equal(row(de, "0033"), "XEP-0033 Name 0033 vom Server bei der Prüfung nicht angekündigt Nutzen 0033");
    assert.equal(row(en, "0280"), "XEP-0280 Name 0280 Benefit 0280");
  });

  test(`${h.name}: without data/server.toml neither appears, and the table adds no WARN`, async () => {
    const { de, en, warns } = await build(h.bin, await site(false));
    assert.deepEqual(warns, await baselineWarns(h.bin));
    for (const html of [de, en]) {
      assert.doesNotMatch(html, /xeps-checked|xeps-unconfirmed/);
      assert.equal(row(html, "0280").startsWith("XEP-0280 Name 0280 "), true);
    }
  });
}
