// The DOM edge of the live status (markup: shortcode graphs, [data-status]): polls the metrics endpoint named
// in data-status-metrics every data-status-interval seconds while the tab is visible, and writes the four
// figures, their sparklines, or "status unavailable". Parsing and arithmetic are in openmetrics.ts,
// figures.ts and sparkline.ts; this file only reads and writes the page.
import { parseOpenMetrics } from "./openmetrics.ts";
import { snapshot, figures, formatFigures, type Snapshot, type Figures } from "./figures.ts";
import { sparklinePath, remember } from "./sparkline.ts";

const KEYS = ["clients", "servers", "stanzas", "uptime"] as const;
type Key = (typeof KEYS)[number];

/** The number a sparkline draws for each figure (undefined: nothing to add this time). */
const plotted: Record<Key, (f: Figures) => number | undefined> = {
  clients: (f) => f.clients,
  servers: (f) => f.servers,
  stanzas: (f) => f.stanzasPerMinute,
  uptime: (f) => f.uptime / 86400,
};

/** One poll: the body parsed into a Snapshot. Throws on a network error, a non-2xx answer or a bad body. */
async function poll(url: string): Promise<Snapshot> {
  const res = await fetch(url, { cache: "no-store", credentials: "same-origin", headers: { Accept: "application/openmetrics-text; version=1.0.0, text/plain;q=0.5" } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const text = await res.text();
  const at = performance.now();
  const date = Date.parse(res.headers.get("Date") ?? "");
  return snapshot(parseOpenMetrics(text), at, (Number.isNaN(date) ? Date.now() : date) / 1000);
}

export function initStatus(root: ParentNode = document): void {
  const section = root.querySelector<HTMLElement>("[data-status]");
  const url = section?.dataset.statusMetrics;
  if (!section || !url) return;
  const interval = Math.max(1, Number(section.dataset.statusInterval) || 10) * 1000;
  const lang = document.documentElement.lang || "en";
  const unavailable = section.querySelector<HTMLElement>("[data-status-unavailable]");
  const list = section.querySelector<HTMLElement>("[data-status-figures]");
  const parts = new Map<Key, { value: HTMLElement | null; path: SVGPathElement | null; svg: SVGSVGElement | null; history: number[] }>();
  for (const k of KEYS) {
    const el = section.querySelector<HTMLElement>(`[data-status-figure="${k}"]`);
    parts.set(k, { value: el?.querySelector<HTMLElement>("[data-status-value]") ?? null, path: el?.querySelector("path") ?? null, svg: el?.querySelector("svg") ?? null, history: [] });
  }

  let prev: Snapshot | undefined;
  let timer: number | undefined;
  let running = false;

  const show = (ok: boolean) => {
    if (unavailable) unavailable.hidden = ok;
    if (list) list.hidden = !ok;
    section.dataset.statusState = ok ? "live" : "unavailable";
  };

  const update = (f: Figures) => {
    const text = formatFigures(f, lang);
    for (const k of KEYS) {
      const p = parts.get(k)!;
      if (p.value) p.value.textContent = text[k];
      const v = plotted[k](f);
      if (v !== undefined) remember(p.history, v);
      const box = p.svg?.viewBox.baseVal;
      if (p.path && box) p.path.setAttribute("d", sparklinePath(p.history, box.width, box.height));
    }
  };

  const tick = async () => {
    timer = undefined;
    if (running) return;
    running = true;
    try {
      const cur = await poll(url);
      update(figures(prev, cur));
      prev = cur;
      show(true);
    } catch {
      prev = undefined;
      show(false);
    } finally {
      running = false;
      if (document.visibilityState === "visible") timer = window.setTimeout(tick, interval);
    }
  };

  // polling pauses while the tab is hidden, and resumes with a fresh poll when it is shown again
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      if (timer !== undefined) window.clearTimeout(timer);
      timer = undefined;
    } else if (timer === undefined && !running) void tick();
  });

  section.hidden = false;
  if (document.visibilityState === "visible") void tick();
}
