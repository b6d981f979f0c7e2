// How the commands in scripts/*.ts read their arguments: each declares its options once (name, type,
// placeholder, default, one line of help), node:util parseArgs reads them strictly, and
//   --help / -h        prints the usage and the options, exit 0;
//   an unknown option, a missing value or a stray argument: one line naming it, exit 2;
// A command's own check of a value (e.g. --port not a number) uses usageError, also exit 2.
// Problems found while the command runs are printed by printProblems (problem.ts) and exit 1.
import path from "node:path";
import { parseArgs } from "node:util";
import { Problem, formatProblem } from "./problem.ts";
import { configFile } from "./paths.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** placeholder of the value in the help, e.g. "DIR" */
  value?: string;
  default?: string | boolean;
  help: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** how the command is started, e.g. "npm run build --" (the options follow) */
  usage: string;
  /** the prefix of its messages, e.g. "build" */
  name: string;
  /** what it does, one or two lines */
  summary: string;
  options: O;
  /** the positional arguments, e.g. "[<web root>]"; none are accepted without it */
  positionals?: string;
}

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]["type"] extends "boolean" ? (O[K] extends { default: boolean } ? boolean : boolean | undefined) : O[K] extends { default: string } ? string : string | undefined;
};

/** The help text: usage, summary, and one line per option. */
export function helpText(spec: CommandSpec<Record<string, OptionSpec>>): string {
  const rows: [string, string][] = Object.entries(spec.options).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`,
    `${o.help}${o.default !== undefined && o.default !== false ? ` (default: ${o.default})` : ""}`,
  ]);
  rows.push(["-h, --help", "show this help"]);
  const width = Math.max(...rows.map(([l]) => l.length));
  return [`usage: ${spec.usage} [options]${spec.positionals ? ` ${spec.positionals}` : ""}`, "", spec.summary, "", "options:", ...rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`)].join("\n");
}

/** A wrong command line: the message, and where the options are listed; exit 2. */
export function usageError(spec: Pick<CommandSpec<Record<string, OptionSpec>>, "name" | "usage">, message: string): never {
  console.error(`${spec.name}: ${formatProblem(new Problem(message, { hint: `run ${spec.usage} --help for the options` }))}`);
  process.exit(2);
}

/** parseArgs' own messages, in the words of this project. */
function parseArgsMessage(e: { code?: string; message: string }): string {
  const unknown = /^Unknown option '([^']+)'/.exec(e.message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const stray = /^Unexpected argument '([^']*)'/.exec(e.message);
  if (stray) return `unexpected argument ${JSON.stringify(stray[1])}: this command takes none`;
  const missing = /^Option '([^']+)' argument missing/.exec(e.message);
  if (missing) return `option ${missing[1]} needs a value`;
  return e.message.replace(/^./, (c) => c.toLowerCase());
}

/** Reads the command line by the command's declaration (see the top of this file). */
export function parseCommand<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, args: string[] = process.argv.slice(2)): { values: Values<O>; positionals: string[] } {
  const options: Record<string, { type: "string" | "boolean"; short?: string; default?: string | boolean }> = { help: { type: "boolean", short: "h" } };
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.default !== undefined ? { default: o.default } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: spec.positionals !== undefined });
  } catch (e) {
    const err = e as { code?: string; message: string };
    if (!err.code?.startsWith("ERR_PARSE_ARGS_")) throw e;
    usageError(spec, parseArgsMessage(err));
  }
  if (parsed.values.help) {
    console.log(helpText(spec));
    process.exit(0);
  }
  const { help: _help, ...values } = parsed.values;
  return { values: values as Values<O>, positionals: parsed.positionals };
}

/** The --config option several commands share: config files merged left to right (like hugo --config). */
export const CONFIG_OPTION = {
  type: "string",
  value: "a.toml,b.toml",
  help: "config files, merged left to right (later ones override); default: the project's hugo.toml",
} as const satisfies OptionSpec;

/** The files of a --config value, resolved against the working folder; without one, the project's hugo.toml. */
export function configFilesOf(value: string | undefined): string[] {
  const files = (value ?? "").split(",").filter((f) => f.trim() !== "");
  return files.length ? files.map((f) => path.resolve(f)) : [configFile];
}
