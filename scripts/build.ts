// npm run build: assets, then hugo --minify into public/ (see build/pipeline.ts). Options: see COMMAND
// (npm run build -- --help). A failed step is printed as problems (file:line:col: message) and leaves
// the output folder as it was; exit 1.
import path from "node:path";
import { build } from "./build/pipeline.ts";
import { tsEntries } from "./build/assets.ts";
import { bundleSizes, formatSizes } from "./build/size.ts";
import { parseCommand, CONFIG_OPTION, configFilesOf } from "./config/cli.ts";
import { printProblems, ProblemList } from "./config/problem.ts";

const COMMAND = {
  usage: "npm run build --",
  name: "build",
  summary: "Builds the site: assets (esbuild, sass), hugo --minify, well-known files, compressed twins; then swaps it into the output folder.",
  options: {
    development: { type: "boolean", help: "no minify, source maps, HUGO_ENVIRONMENT=development" },
    dest: { type: "string", value: "DIR", help: "build into DIR instead of public/" },
    config: CONFIG_OPTION,
  },
} as const;

const { values } = parseCommand(COMMAND);
const dest = values.dest ? path.resolve(values.dest) : undefined;
try {
  await build({ production: !values.development, ...(dest ? { dest } : {}), configFiles: configFilesOf(values.config) });
  // what a visitor downloads per bundle (register/invite are loaded only on their pages)
  console.log(formatSizes(await bundleSizes(tsEntries().map((f) => path.basename(f, ".ts")))));
} catch (e) {
  const step = e instanceof ProblemList ? e.step : undefined;
  printProblems(e, `build failed${step ? ` in step "${step}"` : ""}; ${dest ?? "public/"} was left as it was.`);
  process.exit(1);
}
