// The fonts the browser in the tests may use, and a check that it really uses them.
//
// Why: Chromium takes its fonts from fontconfig, which by default sees every font the machine has. The
// theme's stacks (system-ui, …, "Liberation Sans", sans-serif / ui-monospace, …, "Liberation Mono",
// monospace) then resolve to whatever happens to be installed, and the visual goldens encode that
// machine. So the tests give Chromium its own fontconfig file (FONTCONFIG_FILE) that lists only the
// font folders of the Debian packages npm run setup installs, with fixed aliases and rendering
// options: every machine that ran setup renders the same pixels, whatever other fonts it has.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

/** The Debian packages (installed by npm run setup) and the folders their fonts are in. */
export const FONT_PACKAGES = [
  { pkg: "fonts-liberation2", dir: "/usr/share/fonts/truetype/liberation2" },
  { pkg: "fonts-dejavu-core", dir: "/usr/share/fonts/truetype/dejavu" },
] as const;

/** What the theme's stacks must resolve to: the fonts the goldens were made with. */
export const GOLDEN_FONTS = { sans: "Liberation Sans", mono: "Liberation Mono" } as const;

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/**
 * Writes a fontconfig file that sees only `dirs` into `dir`; returns its path. The generic families
 * map to Liberation first, DejaVu as the fallback for glyphs Liberation lacks; antialiasing, slight
 * hinting and grey (not subpixel) rendering are fixed, since the machine's /etc/fonts is not read.
 */
export function writeFontsConf(dir: string, dirs: readonly string[] = FONT_PACKAGES.map((f) => f.dir)): string {
  mkdirSync(path.join(dir, "cache"), { recursive: true });
  const alias = (generic: string, families: string[]) => `  <alias binding="same"><family>${generic}</family><prefer>${families.map((f) => `<family>${f}</family>`).join("")}</prefer></alias>`;
  const conf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- written by e2e/support/fonts.ts: the only fonts the tests' Chromium sees -->
<fontconfig>
${dirs.map((d) => `  <dir>${xml(d)}</dir>`).join("\n")}
  <cachedir>${xml(path.join(dir, "cache"))}</cachedir>
  <!-- a request without a generic family (or without any: Chromium's system-ui) falls back to sans-serif -->
  <match target="pattern"><test qual="all" name="family" compare="not_eq"><string>sans-serif</string></test><test qual="all" name="family" compare="not_eq"><string>serif</string></test><test qual="all" name="family" compare="not_eq"><string>monospace</string></test><edit name="family" mode="append_last"><string>sans-serif</string></edit></match>
${alias("sans-serif", ["Liberation Sans", "DejaVu Sans"])}
${alias("sans", ["Liberation Sans", "DejaVu Sans"])}
${alias("serif", ["Liberation Serif", "DejaVu Serif"])}
${alias("monospace", ["Liberation Mono", "DejaVu Sans Mono"])}
  <match target="font">
    <edit name="antialias" mode="assign"><bool>true</bool></edit>
    <edit name="hinting" mode="assign"><bool>true</bool></edit>
    <edit name="hintstyle" mode="assign"><const>hintslight</const></edit>
    <edit name="autohint" mode="assign"><bool>false</bool></edit>
    <edit name="rgba" mode="assign"><const>none</const></edit>
    <edit name="lcdfilter" mode="assign"><const>lcddefault</const></edit>
    <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>
  </match>
</fontconfig>
`;
  const file = path.join(dir, "fonts.conf");
  // the config is evaluated by the runner and by every worker: write whole files only
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, conf);
  renameSync(tmp, file);
  return file;
}

/** The font Chromium really draws an element's text with (DevTools: CSS.getPlatformFontsForNode). */
async function renderedFont(page: Page, selector: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`fonts: no element ${selector} on ${page.url()}`);
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    return [...fonts].sort((a, b) => b.glyphCount - a.glyphCount)[0]?.familyName ?? "(none)";
  } finally {
    await cdp.detach();
  }
}

/**
 * Checks on a page of the site that the theme's sans and mono stacks resolve to GOLDEN_FONTS. Adds two
 * probe elements (body text and <code>, styled by the site's own stylesheet) and removes them again.
 * Returns null when they do, else one line that names the fonts and the fix.
 */
export async function fontProblem(page: Page): Promise<string | null> {
  await page.evaluate(() => {
    const p = document.createElement("p");
    p.id = "font-probe-sans";
    p.textContent = "Hamburgefonstiv 0123";
    const c = document.createElement("code");
    c.id = "font-probe-mono";
    c.textContent = "Hamburgefonstiv 0123";
    document.body.append(p, c);
  });
  try {
    const sans = await renderedFont(page, "#font-probe-sans");
    const mono = await renderedFont(page, "#font-probe-mono");
    if (sans === GOLDEN_FONTS.sans && mono === GOLDEN_FONTS.mono) return null;
    return (
      `the visual goldens assume ${GOLDEN_FONTS.sans} and ${GOLDEN_FONTS.mono}, but Chromium renders with ${sans} and ${mono}: ` +
      `run npm run setup (installs ${FONT_PACKAGES.map((f) => f.pkg).join(", ")})`
    );
  } finally {
    await page.evaluate(() => document.querySelectorAll("#font-probe-sans, #font-probe-mono").forEach((e) => e.remove()));
  }
}
