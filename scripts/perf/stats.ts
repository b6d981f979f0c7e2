// Small helpers for the benchmark: medians, shares and plain-text tables.

/** The median of a list of numbers (mean of the two middle values for an even count). */
export function median(xs: number[]): number {
  if (xs.length === 0) throw new Error("median of an empty list");
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Per key, the median over runs of that key's value (runs may lack a key; those runs are skipped for it). */
export function medianByKey(runs: Array<Record<string, number>>): Record<string, number> {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(keys.map((k) => [k, median(runs.filter((r) => k in r).map((r) => r[k] as number))]));
}

/** Each value's share of the sum, in percent. */
/** Each value as a percentage of `of` (default: their sum). */
export function shares(values: Record<string, number>, of?: number): Record<string, number> {
  const total = of ?? Object.values(values).reduce((a, b) => a + b, 0);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, total > 0 ? (100 * v) / total : 0]));
}

/** A table with a header row; columns whose cells look numeric are right-aligned. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const numeric = head.map((_h, i) => cells.length > 0 && cells.every((r) => /^[-+]?[\d.,]+( ?[%a-zA-Z]+)?$|^-$/.test(r[i] ?? "")));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
