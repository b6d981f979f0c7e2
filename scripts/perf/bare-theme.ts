// The bench's bare theme (bench/bare-theme/): the floor the broccoli theme is measured against on the same
// site. Installed into a copy of the project as themes/bare, with a stub for every shortcode the broccoli
// theme has, so that the site's content renders with either theme (`hugo --theme bare`).
import { promises as fs } from "node:fs";
import path from "node:path";
import { root } from "../config/paths.ts";

export const BARE_THEME = "bare";
export const bareThemeSource = path.join(root, "bench/bare-theme");

/**
 * A stub for a shortcode template: prints the inner text when the original uses .Inner (Hugo then
 * requires the call to be closed, and a stub without .Inner would be refused for a closed call), else nothing.
 */
export function shortcodeStub(original: string): string {
  return /\.Inner(Deindent)?\b/.test(original) ? "{{ .Inner }}\n" : "{{/* stub */}}\n";
}

/** Copies the bare theme into site/themes/bare and stubs every shortcode of site/themes/<from>. */
export async function installBareTheme(site: string, from = "broccoli"): Promise<string> {
  const dest = path.join(site, "themes", BARE_THEME);
  await fs.rm(dest, { recursive: true, force: true });
  await fs.cp(path.join(bareThemeSource, "layouts"), path.join(dest, "layouts"), { recursive: true });
  const shortcodes = path.join(site, "themes", from, "layouts/shortcodes");
  const stubs = path.join(dest, "layouts/shortcodes");
  await fs.mkdir(stubs, { recursive: true });
  for (const name of (await fs.readdir(shortcodes).catch(() => [] as string[])).filter((f) => f.endsWith(".html"))) {
    await fs.writeFile(path.join(stubs, name), shortcodeStub(await fs.readFile(path.join(shortcodes, name), "utf8")));
  }
  return dest;
}
