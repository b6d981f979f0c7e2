// npm run publish -- [<web root>] [--keep N] [--rollback] [--config a.toml,b.toml]
// Builds the site (scripts/build/pipeline.ts) and publishes it atomically into <web root>/releases/<timestamp>
// with <web root>/current pointing at it (see scripts/deploy/releases.ts); keeps the newest N releases (5).
// --rollback points `current` back at the release before the live one (no build).
// Without <web root>: the parent of hugo.toml's params.deploy.webRoot when that ends in /current.
import path from "node:path";
import { build, BuildError } from "./build/pipeline.ts";
import { publish, rollback, PublishError } from "./deploy/releases.ts";
import { loadConfig, ConfigError } from "./config/config.ts";
import { configFile } from "./config/paths.ts";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const valueFlags = new Set(["--keep", "--config"]);
const positional = argv.filter((a, i) => !a.startsWith("--") && !valueFlags.has(argv[i - 1] ?? ""));

try {
  const configFiles = value("--config")?.split(",").map((f) => path.resolve(f)) ?? [configFile];
  let webRoot = positional[0];
  if (!webRoot) {
    const cfg = await loadConfig(configFiles);
    if (path.basename(cfg.deploy.webRoot) !== "current") throw new PublishError("usage: npm run publish -- <web root> [--keep N] [--rollback]");
    webRoot = path.dirname(cfg.deploy.webRoot);
  }
  if (flag("--rollback")) {
    await rollback(webRoot, console.log);
  } else {
    const keepArg = value("--keep");
    const keep = keepArg === undefined ? 5 : Number(keepArg);
    await publish({
      webRoot,
      keep,
      build: (dest) => build({ dest, configFiles }).then(() => undefined),
      log: console.log,
    });
  }
} catch (e) {
  if (e instanceof BuildError) console.error(`publish: build failed in step "${e.step}"; nothing was published, the live site is unchanged.\n${e.message}`);
  else if (e instanceof PublishError || e instanceof ConfigError) console.error(`publish: ${e.message}`);
  else console.error(e);
  process.exit(1);
}
