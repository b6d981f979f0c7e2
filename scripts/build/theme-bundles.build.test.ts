// The bundles the theme ships must be what its TypeScript and Sass sources build today.
import { test } from "node:test";
import assert from "node:assert/strict";
import { staleBundles, readBundles, themeDistDir } from "./theme-bundles.ts";

test("the theme ships every bundle: main, theme-init, register, invite, qr, and the stylesheets", async () => {
  const names = [...(await readBundles(themeDistDir)).keys()];
  for (const n of ["js/main.js", "js/theme-init.js", "js/register.js", "js/invite.js", "js/qr.js", "css/main.css", "css/print.css"]) assert.ok(names.includes(n), `${n} is shipped`);
});

test("the shipped bundles are fresh against their sources", async () => {
  const stale = await staleBundles();
  assert.deepEqual(stale, [], `stale bundles in themes/broccoli/assets/dist: ${stale.join(", ")}; run npm run theme:bundles and commit the result`);
});
