// Placeholders in the config: string values that start with "TODO" (facts the operator has yet to fill in,
// e.g. the Impressum's name and address). The build and the dev server only warn about them (Hugo,
// partials/content/param.html); a publish refuses them unless --allow-placeholders (scripts/publish.ts).
import type { Obj } from "../config/toml.ts";
import { isObj } from "../config/toml.ts";
import { Problem, ProblemList } from "../config/problem.ts";

/** Every key of the merged config whose value starts with "TODO", as dotted paths with [i] for arrays,
 *  in the order they are written, e.g. ["params.operator.name", "params.provider.serverLocations[0]"]. */
export function placeholderKeys(raw: Obj, prefix = ""): string[] {
  const out: string[] = [];
  const visit = (v: unknown, key: string) => {
    if (typeof v === "string") {
      if (v.trimStart().startsWith("TODO")) out.push(key);
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${key}[${i}]`));
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) visit(x, key ? `${key}.${k}` : k);
  };
  visit(raw, prefix);
  return out;
}

/** Throws a ProblemList with one line per placeholder key (its value shown), or returns when there is none. */
export function refusePlaceholders(raw: Obj, configFiles: string[]): void {
  const keys = placeholderKeys(raw);
  if (!keys.length) return;
  const valueOf = (key: string): unknown => key.split(/\.|(?=\[)/).reduce<unknown>((o, k) => (k.startsWith("[") ? (o as unknown[])[Number(k.slice(1, -1))] : (o as Obj)[k]), raw);
  const problems = keys.map((k) => new Problem(`${k}: still a placeholder (${JSON.stringify(valueOf(k))})`));
  problems.push(
    new Problem(`${keys.length} placeholder value(s) in ${configFiles.join(", ")}: a production site must not publish them`, {
      hint: "fill them in, or pass --allow-placeholders for a test or staging site",
    }),
  );
  throw new ProblemList(problems);
}
