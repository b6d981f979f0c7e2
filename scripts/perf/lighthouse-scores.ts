// Reads a Lighthouse result (LHR): the four category scores (0-100), first and largest contentful
// paint, and for each category the audits that cost it points, by title. Judges it against the
// targets of issue 6: accessibility, best practices and SEO 100, performance at least 95.
export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];

export const TARGETS: Record<Category, number> = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };

/** The part of Lighthouse's result this module reads. */
export interface Lhr {
  categories: Record<string, { score: number | null; auditRefs: Array<{ id: string; weight: number }> } | undefined>;
  audits: Record<
    string,
    { id: string; title: string; score: number | null; scoreDisplayMode?: string; displayValue?: string; numericValue?: number; details?: { items?: Array<Record<string, unknown>> } } | undefined
  >;
  runtimeError?: { code: string; message: string };
  runWarnings?: string[];
}

export interface LhSummary {
  scores: Record<Category, number | null>;
  /** milliseconds (simulated mobile) */
  fcp: number | null;
  lcp: number | null;
  /** per category: the weighted audits that did not pass, "title (value)" */
  lost: Record<Category, string[]>;
  error?: string;
}

/** A short description of one failing item of an audit: the element, the message or the URL. */
export function itemText(item: Record<string, unknown>): string {
  const node = item.node as { snippet?: string } | undefined;
  const v = node?.snippet ?? item.description ?? item.source ?? item.url ?? item.href ?? item.text;
  const s = typeof v === "string" ? v : typeof v === "object" && v && "url" in v ? String((v as { url: unknown }).url) : "";
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

export function summarise(lhr: Lhr): LhSummary {
  const scores = {} as Record<Category, number | null>;
  const lost = {} as Record<Category, string[]>;
  for (const c of CATEGORIES) {
    const cat = lhr.categories[c];
    scores[c] = cat && cat.score !== null ? Math.round(cat.score * 100) : null;
    lost[c] = [];
    for (const ref of cat?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (!a || ref.weight <= 0 || a.score === null) continue;
      // performance metrics score on a curve; anything below "good" (0.9) is worth naming
      const bar = c === "performance" ? 0.9 : 1;
      if (a.score >= bar) continue;
      const what = (a.details?.items ?? []).slice(0, 3).map(itemText).filter(Boolean);
      lost[c].push(`${a.displayValue ? `${a.title} (${a.displayValue})` : a.title}${what.length ? ` [${what.join(" | ")}]` : ""}`);
    }
  }
  const num = (id: string) => {
    const v = lhr.audits[id]?.numericValue;
    return typeof v === "number" ? Math.round(v) : null;
  };
  const out: LhSummary = { scores, fcp: num("first-contentful-paint"), lcp: num("largest-contentful-paint"), lost };
  if (lhr.runtimeError) out.error = `${lhr.runtimeError.code}: ${lhr.runtimeError.message}`;
  return out;
}

/** "category score < target: audit titles" for every category under its target; empty when all pass. */
export function failures(s: LhSummary, targets: Record<Category, number> = TARGETS): string[] {
  const out: string[] = [];
  if (s.error) out.push(`Lighthouse could not audit the page: ${s.error}`);
  for (const c of CATEGORIES) {
    const score = s.scores[c];
    if (score !== null && score >= targets[c]) continue;
    const why = s.lost[c].length ? s.lost[c].join("; ") : "no failing audit named";
    out.push(`${c} ${score ?? "n/a"} < ${targets[c]}: ${why}`);
  }
  return out;
}
