// The report of a check: one line per finding for people, or one JSON document for machines (--json).
// Pure: facts and the outcome in, text out.
import type { ServerFacts } from "./queries.ts";
import type { Outcome, Finding } from "./compare.ts";
import type { Endpoint } from "./endpoint.ts";

export function counts(findings: Finding[]): Record<Finding["level"], number> {
  const c = { error: 0, warning: 0, hint: 0, note: 0 };
  for (const f of findings) c[f.level] += 1;
  return c;
}

/** "Prosody 0.12.3 (Linux)", or "an unnamed server" when it does not say (XEP-0092). */
export function software(f: ServerFacts): string {
  return f.version ? `${f.version.name} ${f.version.version}${f.version.os ? ` (${f.version.os})` : ""}` : "software not stated (no XEP-0092)";
}

/** The lines of the text report: one per finding, then a summary. */
export function textReport(f: ServerFacts, o: Outcome, e: Endpoint): string {
  const c = counts(o.findings);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  return [
    ...o.findings.map((x) => `${x.level}: ${x.subject}: ${x.message}`),
    `verify-server: ${f.domain} via ${e.websocket}${e.hostMeta ? ` (from ${e.hostMeta})` : ""}, ${software(f)}: ${o.xeps.advertised.length} of ${o.xeps.advertised.length + o.xeps.missing.length + o.xeps.unchecked.length} listed XEPs advertised; ${plural(c.error, "error")}, ${plural(c.warning, "warning")}, ${plural(c.hint, "hint")}`,
  ].join("\n");
}

/** The --json document: what was found and every finding; `ok` is false when there is an error. */
export function jsonReport(f: ServerFacts, o: Outcome, e: Endpoint, checked: string): string {
  return JSON.stringify({ ok: counts(o.findings).error === 0, checked, endpoint: e, server: f, xeps: o.xeps, findings: o.findings }, null, 2) + "\n";
}

/** The --json document of a check that could not run (unreachable, refused login, bad host-meta). */
export function jsonFailure(message: string): string {
  return JSON.stringify({ ok: false, error: message }, null, 2) + "\n";
}
