import { test } from "node:test";
import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { shortcodeStub, installBareTheme } from "./bare-theme.ts";

test("a shortcode stub prints the inner text only when the original uses it (Hugo then requires a closed call)", () => {
  assert.equal(shortcodeStub('<a class="button" href="{{ .Get "href" }}">{{ .Inner | markdownify }}</a>'), "{{ .Inner }}\n");
  assert.equal(shortcodeStub("{{ .InnerDeindent }}"), "{{ .Inner }}\n");
  assert.doesNotMatch(shortcodeStub("{{ site.Params.xmpp.domain }}"), /Inner/);
});

test("the bare theme goes to themes/bare with a stub per shortcode of the site's theme", async () => {
  const site = await fs.mkdtemp(path.join(os.tmpdir(), "bare-theme-"));
  try {
    await fs.mkdir(path.join(site, "themes/broccoli/layouts/shortcodes"), { recursive: true });
    await fs.writeFile(path.join(site, "themes/broccoli/layouts/shortcodes/button.html"), "{{ .Inner }}");
    await fs.writeFile(path.join(site, "themes/broccoli/layouts/shortcodes/domain.html"), "{{ site.Params.xmpp.domain }}");
    const dest = await installBareTheme(site);
    assert.equal(dest, path.join(site, "themes/bare"));
    assert.deepEqual((await fs.readdir(path.join(dest, "layouts/shortcodes"))).sort(), ["button.html", "domain.html"]);
    for (const f of ["_default/baseof.html", "_default/single.html", "_default/list.html", "_default/taxonomy.html", "_default/term.html", "home.html", "404.html"])
      await fs.access(path.join(dest, "layouts", f));
  } finally {
    await fs.rm(site, { recursive: true, force: true });
  }
});
