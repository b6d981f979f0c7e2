// npm run theme:bundles: rebuilds the bundles the theme ships (themes/broccoli/assets/dist) from
// themes/broccoli/assets/ts and scss. Run it after changing either; npm test fails while they are stale.
import { writeBundles, themeDistDir } from "./build/theme-bundles.ts";
import path from "node:path";
import { root } from "./config/paths.ts";

const written = await writeBundles();
console.log(`theme:bundles: ${written.length} files in ${path.relative(root, themeDistDir)}: ${written.join(", ")}`);
