// npm run build: assets, then hugo --minify into public/ (see lib/pipeline.ts).
import { build, BuildError } from "./lib/pipeline.ts";

const dev = process.argv.includes("--development");
try {
  await build({ production: !dev });
} catch (e) {
  if (e instanceof BuildError) {
    console.error(`build failed in step "${e.step}"; public/ was left as it was.\n${e.message}`);
  } else {
    console.error(e);
  }
  process.exit(1);
}
