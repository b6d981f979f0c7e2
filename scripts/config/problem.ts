// The one error type of the scripts, and the one way to print it.
//
// A Problem is something the operator has to fix: a bad config value, a content file, a TypeScript or
// Sass error, a Hugo ERROR, a refused publish. It says what is wrong (message), where (location: file,
// line, column, when known) and, where there is one, what to do (hint). Several problems found together
// (every bad key of hugo.toml, every content problem, every Hugo ERROR line) are thrown as one
// ProblemList; `step` names the part of a command that found them (the build's "config", "content", ...).
//
// formatProblem prints one problem as
//     file:line:col: message
//       hint
// with the file relative to the project root (absolute when it lies outside). Every command prints
// problems with it (printProblems) and exits 1; a wrong command-line option exits 2 (see cli.ts).
import path from "node:path";
import { root as projectRoot } from "./paths.ts";

export interface Location {
  /** absolute, or relative to the project root */
  file: string;
  /** 1-based */
  line?: number;
  /** 1-based */
  column?: number;
}

export class Problem extends Error {
  readonly location?: Location;
  readonly hint?: string;
  constructor(message: string, opts: { location?: Location; hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "Problem";
    if (opts.location) this.location = opts.location;
    if (opts.hint) this.hint = opts.hint;
    // where something else prints it (node:test, Playwright, an uncaught error), the stack's first line
    // is the formatted problem, with location and hint
    const at = this.stack?.indexOf("\n    at ") ?? -1;
    if (at >= 0 && (this.location || this.hint)) this.stack = `${this.name}: ${formatProblem(this)}${this.stack?.slice(at)}`;
  }
}

export class ProblemList extends Error {
  readonly problems: readonly Problem[];
  /** the part of a command that found them, e.g. the build step "config" */
  readonly step?: string;
  constructor(problems: readonly Problem[], step?: string) {
    super(problems.map((p) => formatProblem(p)).join("\n"));
    this.name = "ProblemList";
    this.problems = problems;
    if (step) this.step = step;
  }
}

/** "file:line:col" (as much of it as is known), the file relative to `root` when it lies inside. */
export function formatLocation(loc: Location, root = projectRoot): string {
  let file = loc.file;
  if (path.isAbsolute(file)) {
    const rel = path.relative(root, file);
    if (rel && !rel.startsWith("..") && !path.isAbsolute(rel)) file = rel;
  }
  return [file, loc.line, loc.line === undefined ? undefined : loc.column].filter((x) => x !== undefined).join(":");
}

/** `file:line:col: message`, and the hint indented on the next line. */
export function formatProblem(p: Problem, root = projectRoot): string {
  const head = p.location ? `${formatLocation(p.location, root)}: ${p.message}` : p.message;
  return p.hint ? `${head}\n  ${p.hint.split("\n").join("\n  ")}` : head;
}

/** The problems in anything thrown: a Problem, a ProblemList, or any other error as one Problem (its cause). */
export function problemsOf(e: unknown): Problem[] {
  if (e instanceof ProblemList) return [...e.problems];
  if (e instanceof Problem) return [e];
  return [new Problem(e instanceof Error ? e.message : String(e), { cause: e })];
}

/** True for what the reporter prints as problems; anything else is a bug and is printed with its stack. */
export const isProblem = (e: unknown): e is Problem | ProblemList => e instanceof Problem || e instanceof ProblemList;

/**
 * Prints what a command failed with on stderr: an optional headline (e.g. `build failed in step
 * "config"; public/ was left as it was.`), then one formatted problem each. An error that is not a
 * problem (a bug) is printed with its stack.
 */
export function printProblems(e: unknown, headline?: string, write: (s: string) => void = (s) => console.error(s)): void {
  if (headline) write(headline);
  if (isProblem(e)) for (const p of problemsOf(e)) write(formatProblem(p));
  else write(e instanceof Error ? (e.stack ?? e.message) : String(e));
}
