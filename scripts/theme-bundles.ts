// npm run theme:bundles: rebuilds the bundles the theme ships (themes/broccoli/assets/dist) from
// themes/broccoli/assets/ts and scss. Run it after changing either; npm test fails while they are stale.
// A TypeScript or Sass error is printed as file:line:col: message; exit 1.
import path from "node:path";
import { writeBundles, themeDistDir } from "./build/theme-bundles.ts";
import { root } from "./config/paths.ts";
import { parseCommand } from "./config/cli.ts";
import { printProblems } from "./config/problem.ts";

parseCommand({
  usage: "npm run theme:bundles --",
  name: "theme:bundles",
  summary: "Rebuilds the theme's shipped bundles (themes/broccoli/assets/dist) from its TypeScript and Sass sources.",
  options: {},
});
try {
  const written = await writeBundles();
  console.log(`theme:bundles: ${written.length} files in ${path.relative(root, themeDistDir)}: ${written.join(", ")}`);
} catch (e) {
  printProblems(e, "theme:bundles: failed; the shipped bundles were left as they were.");
  process.exit(1);
}
