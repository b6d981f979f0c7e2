// The path of a sparkline: takes the values seen so far and the SVG box, returns the `d` of a <path>
// (no library). Pure; the status script puts it into the section's <svg viewBox="0 0 width height">.

/** At most this many points are drawn: the newest ones (at 10 s per poll, the last 20 minutes). */
export const MAX_POINTS = 120;

/**
 * Values left to right, scaled so that the smallest sits at the bottom and the largest at the top, with
 * `pad` units free at both; a flat series is a line through the middle. Empty for no values; one value
 * is a flat line across the box. Non-finite values are skipped.
 */
export function sparklinePath(values: readonly number[], width: number, height: number, pad = 1): string {
  const v = values.filter((x) => Number.isFinite(x)).slice(-MAX_POINTS);
  if (v.length === 0) return "";
  const pts = v.length === 1 ? [v[0]!, v[0]!] : v;
  const min = Math.min(...pts);
  const max = Math.max(...pts);
  const inner = height - 2 * pad;
  const y = (x: number) => (max === min ? height / 2 : pad + inner - ((x - min) / (max - min)) * inner);
  const step = width / (pts.length - 1);
  const r = (n: number) => Math.round(n * 100) / 100;
  return pts.map((x, i) => `${i === 0 ? "M" : "L"}${r(i * step)},${r(y(x))}`).join("");
}

/** Appends a value to a history, keeping only the newest MAX_POINTS. Returns the same array. */
export function remember(history: number[], value: number): number[] {
  history.push(value);
  if (history.length > MAX_POINTS) history.splice(0, history.length - MAX_POINTS);
  return history;
}
