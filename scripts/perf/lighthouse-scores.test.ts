import { test } from "node:test";
import assert from "node:assert/strict";
import { failures, summarise, type Lhr } from "./lighthouse-scores.ts";

function lhr(over: { scores?: Partial<Record<string, number>>; audits?: Lhr["audits"]; refs?: Record<string, Array<{ id: string; weight: number }>> } = {}): Lhr {
  const scores = { performance: 0.99, accessibility: 1, "best-practices": 1, seo: 1, ...over.scores };
  return {
    categories: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, { score: v as number, auditRefs: over.refs?.[k] ?? [] }])),
    audits: {
      "first-contentful-paint": { id: "first-contentful-paint", title: "First Contentful Paint", score: 1, numericValue: 812.4, displayValue: "0.8 s" },
      "largest-contentful-paint": { id: "largest-contentful-paint", title: "Largest Contentful Paint", score: 1, numericValue: 1210.6, displayValue: "1.2 s" },
      ...over.audits,
    },
  };
}

test("a page at the targets passes, with its scores and paints in whole numbers", () => {
  const s = summarise(lhr());
  assert.deepEqual(s.scores, { performance: 99, accessibility: 100, "best-practices": 100, seo: 100 });
  assert.equal(s.fcp, 812);
  assert.equal(s.lcp, 1211);
  assert.deepEqual(failures(s), []);
});

test("a category under its target names the audits that cost points, and only weighted ones", () => {
  const s = summarise(
    lhr({
      scores: { accessibility: 0.93, performance: 0.94 },
      refs: {
        accessibility: [
          { id: "color-contrast", weight: 7 },
          { id: "tap-targets-info", weight: 0 },
          { id: "label", weight: 7 },
        ],
        performance: [
          { id: "largest-contentful-paint", weight: 25 },
          { id: "total-blocking-time", weight: 30 },
        ],
      },
      audits: {
        "color-contrast": {
          id: "color-contrast",
          title: "Background and foreground colors do not have a sufficient contrast ratio.",
          score: 0,
          details: { items: [{ node: { snippet: '<a class="muted" href="/x/">' } }] },
        },
        "tap-targets-info": { id: "tap-targets-info", title: "info only", score: 0 },
        label: { id: "label", title: "Form elements have associated labels", score: 1 },
        "largest-contentful-paint": { id: "largest-contentful-paint", title: "Largest Contentful Paint", score: 0.7, numericValue: 3100, displayValue: "3.1 s" },
        "total-blocking-time": { id: "total-blocking-time", title: "Total Blocking Time", score: 0.95, numericValue: 100 },
      },
    }),
  );
  assert.deepEqual(failures(s), [
    "performance 94 < 95: Largest Contentful Paint (3.1 s)",
    'accessibility 93 < 100: Background and foreground colors do not have a sufficient contrast ratio. [<a class="muted" href="/x/">]',
  ]);
});

test("a run that could not load the page fails with Lighthouse's reason", () => {
  const r = lhr({ scores: { performance: null as unknown as number } });
  r.runtimeError = { code: "ERRORED_DOCUMENT_REQUEST", message: "status 404" };
  const f = failures(summarise(r));
  assert.equal(f[0], "Lighthouse could not audit the page: ERRORED_DOCUMENT_REQUEST: status 404");
  assert.match(f[1] as string, /^performance n\/a < 95/);
});
