// npm run publish -- [<web root> | ssh://user@host[:port]/path ...] [--keep N] [--rollback] [--allow-placeholders]
//   [--ssh CMD] [--config a.toml,b.toml] (npm run publish -- --help)
// Builds the site (scripts/build/pipeline.ts) once, here, and publishes it:
// - into a local <web root>/releases/<timestamp> with <web root>/current pointing at it (scripts/deploy/releases.ts);
// - or to one or more hosts over ssh + rsync, the same layout on each, switched on all or on none, then a health
//   check through each host's web server (scripts/deploy/remote.ts). Hosts: the ssh:// arguments, else
//   [params.deploy] hosts (with each host's url for the health check).
// Keeps the newest N releases (5). --rollback points `current` back at the release before the live one (no build).
// Without an argument and without configured hosts: the parent of params.deploy.webRoot when that ends in /current.
// Config values that start with "TODO" are refused (every key named) unless --allow-placeholders.
// The config is resolved once, before anything is built; a problem is printed as file:line:col: message,
// nothing is published, exit 1.
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "./build/pipeline.ts";
import { publish, rollback } from "./deploy/releases.ts";
import { isSshTarget, publishRemote, rollbackRemote } from "./deploy/remote.ts";
import { hostsOfRun, healthPaths } from "./deploy/hosts.ts";
import { resolveConfig } from "./config/config.ts";
import { parseCommand, usageError, CONFIG_OPTION, configFilesOf } from "./config/cli.ts";
import { Problem, ProblemList, printProblems } from "./config/problem.ts";
import { refusePlaceholders } from "./deploy/placeholders.ts";

const COMMAND = {
  usage: "npm run publish --",
  name: "publish",
  summary:
    "Builds the site and publishes it into <web root>/releases/<timestamp>, pointing <web root>/current at it,\n" +
    "locally or on every ssh://user@host[:port]/path host (all switch or none; health check, then rollback on failure).\n" +
    "Without arguments: [params.deploy] hosts, else the parent of params.deploy.webRoot when that ends in /current.",
  positionals: "[<web root> | ssh://user@host[:port]/path ...]",
  options: {
    keep: { type: "string", value: "N", default: "5", help: "releases to keep (the live one always stays)" },
    rollback: { type: "boolean", help: "point current at the release before the live one (no build)" },
    "allow-placeholders": { type: "boolean", help: 'publish even though config values start with "TODO" (a test or staging site)' },
    ssh: { type: "string", value: "CMD", help: 'ssh command for remote hosts, e.g. "ssh -i ~/.ssh/deploy" (default: $PUBLISH_SSH, else ssh)' },
    config: CONFIG_OPTION,
  },
} as const;

const { values, positionals } = parseCommand(COMMAND);
const remoteArgs = positionals.filter(isSshTarget);
if (remoteArgs.length && remoteArgs.length !== positionals.length) usageError(COMMAND, `either one local web root or ssh:// hosts, got ${positionals.join(" ")}`);
if (!remoteArgs.length && positionals.length > 1) usageError(COMMAND, `one local web root, got ${positionals.length}: ${positionals.join(" ")}`);
const keep = Number(values.keep);
if (!Number.isInteger(keep) || keep < 1) usageError(COMMAND, `--keep must be a whole number of 1 or more, got ${values.keep}`);

let stage: "config" | "publish" | "rollback" = "config";
try {
  const config = await resolveConfig(configFilesOf(values.config));
  const hosts = hostsOfRun(remoteArgs, config);
  let webRoot = positionals[0];
  if (!hosts.length && !webRoot) {
    const configured = config.params.deploy.webRoot;
    if (path.basename(configured) !== "current") {
      throw new Problem(`no web root given, no params.deploy.hosts, and params.deploy.webRoot (${configured}) does not end in /current`, {
        hint: "usage: npm run publish -- <web root> [--keep N] [--rollback]",
      });
    }
    webRoot = path.dirname(configured);
  }
  // no placeholder goes live by accident: the operator's name and address in the Impressum are a legal duty
  if (!values.rollback && !values["allow-placeholders"]) refusePlaceholders(config.raw, config.paths.configFiles);
  const remote = { hosts, ssh: values.ssh ?? process.env.PUBLISH_SSH ?? "ssh", keep, healthPaths: hosts.length ? healthPaths(config) : [], log: console.log };
  stage = values.rollback ? "rollback" : "publish";
  if (hosts.length && values.rollback) {
    await rollbackRemote(remote);
  } else if (hosts.length) {
    // built once, here; the hosts only receive files
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "broccoli-publish-"));
    try {
      const dest = path.join(tmp, "site");
      await build({ dest, config });
      await publishRemote(dest, remote);
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  } else if (values.rollback) {
    await rollback(webRoot as string, console.log);
  } else {
    await publish({
      webRoot: webRoot as string,
      keep,
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
