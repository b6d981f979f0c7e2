// npm run build: assets, then hugo --minify into public/ (see build/pipeline.ts).
// Options: --development (no minify, source maps), --dest DIR (build elsewhere than public/),
// --config a.toml,b.toml (config files merged left to right, later ones override; default hugo.toml).
import path from "node:path";
import { build, BuildError } from "./build/pipeline.ts";
import { tsEntries } from "./build/assets.ts";
import { bundleSizes, formatSizes } from "./build/size.ts";

const argv = process.argv.slice(2);
const dev = argv.includes("--development");
const destAt = argv.indexOf("--dest");
const dest = destAt >= 0 && argv[destAt + 1] ? path.resolve(argv[destAt + 1] as string) : undefined;
const configAt = argv.indexOf("--config");
const configFiles = configAt >= 0 && argv[configAt + 1] ? (argv[configAt + 1] as string).split(",").map((f) => path.resolve(f)) : undefined;
try {
  await build({ production: !dev, ...(dest ? { dest } : {}), ...(configFiles ? { configFiles } : {}) });
  // what a visitor downloads per bundle (register/invite are loaded only on their pages)
  console.log(formatSizes(await bundleSizes(tsEntries().map((f) => path.basename(f, ".ts")))));
} catch (e) {
  if (e instanceof BuildError) {
    console.error(`build failed in step "${e.step}"; ${dest ?? "public/"} was left as it was.\n${e.message}`);
  } else {
    console.error(e);
  }
  process.exit(1);
}
