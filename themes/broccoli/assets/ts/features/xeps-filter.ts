// The filter box above the xeps table (shortcode xeps): typing narrows the rows; the table is complete without it.
// Pure matching logic first (unit-tested in xeps-filter.test.ts), the DOM wiring in initXepsFilter.

/** Lower case, without accents, single spaces: "Verschlüsselung " -> "verschlusselung". */
export function normalise(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** A search term: either a XEP number ("313", "xep-0313", "XEP0313") or a piece of text. */
export type Term = { kind: "number"; digits: string } | { kind: "text"; text: string };

export function parseQuery(query: string): Term[] {
  return normalise(query)
    .split(" ")
    .filter((t) => t !== "")
    .map((t): Term => {
      const m = /^(?:xep-?)?(\d+)$/.exec(t);
      return m ? { kind: "number", digits: (m[1] as string).replace(/^0+/, "") } : { kind: "text", text: t };
    });
}

export interface Row {
  /** the XEP number as in data/xeps.toml, e.g. "0313" */
  number: string;
  /** everything a reader sees in the row: name and benefit */
  text: string;
}

/** True when every term is found in the row: numbers in the XEP number, words in the row's text. */
export function rowMatches(row: Row, terms: Term[]): boolean {
  const number = row.number.replace(/^0+/, "");
  const text = normalise(`xep-${row.number} ${row.text}`);
  return terms.every((t) => (t.kind === "number" ? number.includes(t.digits) : text.includes(t.text)));
}

/** Which rows stay visible for a query (an empty query shows all). */
export function filterRows(rows: Row[], query: string): boolean[] {
  const terms = parseQuery(query);
  return rows.map((r) => rowMatches(r, terms));
}

/** "{shown} von {total} Erweiterungen" with the numbers filled in. */
export function statusText(template: string, shown: number, total: number): string {
  return template.replace("{shown}", String(shown)).replace("{total}", String(total));
}

export function initXepsFilter(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>("[data-xeps]").forEach((box) => {
    const filter = box.querySelector<HTMLElement>("[data-xeps-filter]");
    const input = box.querySelector<HTMLInputElement>("[data-xeps-input]");
    const status = box.querySelector<HTMLElement>("[data-xeps-status]");
    const empty = box.querySelector<HTMLElement>("[data-xeps-empty]");
    const trs = Array.from(box.querySelectorAll<HTMLTableRowElement>("[data-xeps-row]"));
    if (!filter || !input || trs.length === 0 || filter.dataset.ready) return;
    const rows: Row[] = trs.map((tr) => ({ number: tr.dataset.number ?? "", text: tr.textContent ?? "" }));
    const template = status?.dataset.template ?? "";
    const apply = () => {
      const visible = filterRows(rows, input.value);
      let shown = 0;
      visible.forEach((v, i) => {
        const tr = trs[i];
        if (tr) tr.hidden = !v;
        if (v) shown += 1;
      });
      if (empty) empty.hidden = shown > 0;
      if (status && template) status.textContent = statusText(template, shown, rows.length);
    };
    input.addEventListener("input", apply);
    filter.dataset.ready = "true";
    filter.hidden = false;
    // A value the browser restored (back/forward) applies at once.
    if (input.value) apply();
  });
}
