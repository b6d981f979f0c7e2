// npm run publish -- [<web root>] [--keep N] [--rollback] [--allow-placeholders] [--config a.toml,b.toml] (npm run publish -- --help)
// Builds the site (scripts/build/pipeline.ts) and publishes it atomically into <web root>/releases/<timestamp>
// with <web root>/current pointing at it (see scripts/deploy/releases.ts); keeps the newest N releases (5).
// --rollback points `current` back at the release before the live one (no build).
// Config values that start with "TODO" are refused (every key named) unless --allow-placeholders.
// Without <web root>: the parent of hugo.toml's params.deploy.webRoot when that ends in /current.
// The config is resolved once, before anything is built; a problem is printed as file:line:col: message,
// nothing is published, exit 1.
import path from "node:path";
import { build } from "./build/pipeline.ts";
import { publish, rollback } from "./deploy/releases.ts";
import { resolveConfig } from "./config/config.ts";
import { parseCommand, usageError, CONFIG_OPTION, configFilesOf } from "./config/cli.ts";
import { Problem, ProblemList, printProblems } from "./config/problem.ts";
import { refusePlaceholders } from "./deploy/placeholders.ts";

const COMMAND = {
  usage: "npm run publish --",
  name: "publish",
  summary:
    "Builds the site and publishes it into <web root>/releases/<timestamp>, pointing <web root>/current at it.\n" +
    "Without <web root>: the parent of params.deploy.webRoot when that ends in /current.",
  positionals: "[<web root>]",
  options: {
    keep: { type: "string", value: "N", default: "5", help: "releases to keep (the live one always stays)" },
    rollback: { type: "boolean", help: "point current at the release before the live one (no build)" },
    "allow-placeholders": { type: "boolean", help: 'publish even though config values start with "TODO" (a test or staging site)' },
    config: CONFIG_OPTION,
  },
} as const;

const { values, positionals } = parseCommand(COMMAND);
if (positionals.length > 1) usageError(COMMAND, `one web root, got ${positionals.length}: ${positionals.join(" ")}`);

let stage: "config" | "publish" | "rollback" = "config";
try {
  const config = await resolveConfig(configFilesOf(values.config));
  let webRoot = positionals[0];
  if (!webRoot) {
    const configured = config.params.deploy.webRoot;
    if (path.basename(configured) !== "current") {
      throw new Problem(`no web root given, and params.deploy.webRoot (${configured}) does not end in /current`, { hint: "usage: npm run publish -- <web root> [--keep N] [--rollback]" });
    }
    webRoot = path.dirname(configured);
  }
  // no placeholder goes live by accident: the operator's name and address in the Impressum are a legal duty
  if (!values.rollback && !values["allow-placeholders"]) refusePlaceholders(config.raw, config.paths.configFiles);
  stage = values.rollback ? "rollback" : "publish";
  if (values.rollback) {
    await rollback(webRoot, console.log);
  } else {
    await publish({
      webRoot,
      keep: Number(values.keep),
      build: (dest) => build({ dest, config }).then(() => undefined),
      log: console.log,
    });
  }
} catch (e) {
  const headline =
    stage === "rollback"
      ? "publish: rollback failed; current was left as it was."
      : e instanceof ProblemList && e.step
        ? `publish: build failed in step "${e.step}"; nothing was published, the live site is unchanged.`
        : "publish: nothing was published, the live site is unchanged.";
  printProblems(e, headline);
  process.exit(1);
}
